package cn.huren.server.party;

import cn.huren.server.party.InvalidIdentifierException.Rule;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The number of an identity document a natural person in China bids with, with its type: the
 * resident ID (GB 11643-1999), the residence permits for Hong Kong/Macao and for Taiwan residents
 * (same layout and check character, address code 810000/820000/830000), and the foreigner's
 * permanent residence ID card in its 15-character (2004) and 18-digit (2023) formats. The rules and
 * their sources are in docs/identity-documents.md. Immutable; equal when type and number are equal.
 */
public final class IdentityDocument {

    /** The kind of document; part of a person's identity (the same digits in two kinds are two people). */
    public enum DocumentType {
        /** 居民身份证, GB 11643-1999. */
        RESIDENT_ID,
        /** 港澳居民居住证: address code 810000 (Hong Kong) or 820000 (Macao). */
        HK_MACAO_RESIDENCE_PERMIT,
        /** 台湾居民居住证: address code 830000. */
        TAIWAN_RESIDENCE_PERMIT,
        /** 外国人永久居留证 (2004 format): 3 letters and 12 digits; check digit not verified. */
        FOREIGN_PERMANENT_RESIDENCE_OLD,
        /** 外国人永久居留身份证 (2023 format): "9", 16 digits, GB 11643 check character. */
        FOREIGN_PERMANENT_RESIDENCE
    }

    public enum Sex { MALE, FEMALE }

    /** Mainland provinces (GB/T 2260); 71 (Taiwan), 81, 82 (Hong Kong, Macao) are not issued on resident IDs. */
    static final Set<String> MAINLAND_PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
            "63", "64", "65");

    private final DocumentType type;
    private final String value;
    private final LocalDate birthDate;

    private IdentityDocument(DocumentType type, String value, LocalDate birthDate) {
        this.type = type;
        this.value = value;
        this.birthDate = birthDate;
    }

    public static IdentityDocument parse(DocumentType type, String text) {
        return parse(type, text, Clock.systemDefaultZone());
    }

    /** Parses {@code text} as a number of {@code type}; a birth date after today (by {@code clock}) is refused. */
    public static IdentityDocument parse(DocumentType type, String text, Clock clock) {
        if (type == null) {
            throw new IllegalArgumentException("a document type is required");
        }
        String number = normalise(text, type);
        LocalDate today = LocalDate.now(clock);
        return switch (type) {
            case RESIDENT_ID, HK_MACAO_RESIDENCE_PERMIT, TAIWAN_RESIDENCE_PERMIT, FOREIGN_PERMANENT_RESIDENCE ->
                    gb11643(type, number, today);
            case FOREIGN_PERMANENT_RESIDENCE_OLD -> oldPermanentResidence(number, today);
        };
    }

    /**
     * A number {@link ResidentId} already accepted (its wider province list), kept as a resident ID: for identities of
     * holders that registered before the document types, never for new input.
     */
    static IdentityDocument residentIdAsIs(String checkedResidentId) {
        ResidentId id = ResidentId.parse(checkedResidentId);
        return new IdentityDocument(DocumentType.RESIDENT_ID, id.value(), id.birthDate());
    }

    public static IdentityDocument detect(String text) {
        return detect(text, Clock.systemDefaultZone());
    }

    /**
     * Tells the type from the number's shape: 3 letters + 12 digits is the 2004 permanent residence
     * card; 18 characters starting with 9 the 2023 card, with 810000/820000 or 830000 a residence
     * permit, otherwise a resident ID. Anything else (e.g. a 15-digit first-generation resident ID)
     * is refused with {@link Rule#DOCUMENT_TYPE}: the caller must ask for the type.
     */
    public static IdentityDocument detect(String text, Clock clock) {
        String number = normalise(text, null);
        if (number.matches("[A-Z]{3}[0-9]{12}")) {
            return parse(DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, number, clock);
        }
        if (number.length() == 18) {
            DocumentType type = switch (number.substring(0, 2)) {
                case "81", "82" -> DocumentType.HK_MACAO_RESIDENCE_PERMIT;
                case "83" -> DocumentType.TAIWAN_RESIDENCE_PERMIT;
                default -> number.startsWith("9") ? DocumentType.FOREIGN_PERMANENT_RESIDENCE : DocumentType.RESIDENT_ID;
            };
            return parse(type, number, clock);
        }
        throw new InvalidIdentifierException(Rule.DOCUMENT_TYPE, "cannot tell which identity document a "
                + number.length() + "-character number belongs to; choose the document type");
    }

    private static String normalise(String text, DocumentType type) {
        if (text == null || text.isBlank()) {
            throw new InvalidIdentifierException(Rule.LENGTH, "a " + name(type) + " number is required");
        }
        return text.strip().toUpperCase(Locale.ROOT);
    }

    private static IdentityDocument gb11643(DocumentType type, String id, LocalDate today) {
        return new IdentityDocument(type, id, gb11643(name(type), id, today, () -> checkPrefix(type, id)));
    }

    /**
     * The GB 11643 layout every 18-character document shares (the resident ID's own check too): length,
     * characters, then {@code division} (each document's own address rule), the birth date, the check
     * character. Returns the birth date.
     */
    static LocalDate gb11643(String name, String id, LocalDate today, Runnable division) {
        if (id.length() != 18) {
            throw new InvalidIdentifierException(Rule.LENGTH, "a " + name + " number has 18 characters, this one has " + id.length());
        }
        if (!id.matches("[0-9]{17}[0-9X]")) {
            throw new InvalidIdentifierException(Rule.CHARACTER, "a " + name + " number is 17 digits followed by a digit or X");
        }
        division.run();
        LocalDate birth = birthDate(id.substring(6, 14), today);
        char expected = ResidentId.checkCharacter(id.substring(0, 17));
        if (id.charAt(17) != expected) {
            throw new InvalidIdentifierException(Rule.CHECK_CHARACTER, "the check character (18th) should be '"
                    + expected + "' for the first 17 digits, got '" + id.charAt(17) + "'");
        }
        return birth;
    }

    private static void checkPrefix(DocumentType type, String id) {
        String address = id.substring(0, 6);
        switch (type) {
            case RESIDENT_ID -> {
                if (!MAINLAND_PROVINCES.contains(id.substring(0, 2))) {
                    throw new InvalidIdentifierException(Rule.DIVISION, "'" + id.substring(0, 2)
                            + "' is not a mainland province code" + permitHint(address));
                }
            }
            case HK_MACAO_RESIDENCE_PERMIT -> {
                if (!address.equals("810000") && !address.equals("820000")) {
                    throw new InvalidIdentifierException(Rule.DIVISION, "a Hong Kong or Macao residence permit number"
                            + " starts with 810000 or 820000, this one with " + address);
                }
            }
            case TAIWAN_RESIDENCE_PERMIT -> {
                if (!address.equals("830000")) {
                    throw new InvalidIdentifierException(Rule.DIVISION,
                            "a Taiwan residence permit number starts with 830000, this one with " + address);
                }
            }
            case FOREIGN_PERMANENT_RESIDENCE -> {
                if (id.charAt(0) != '9') {
                    throw new InvalidIdentifierException(Rule.DIVISION,
                            "a 2023 permanent residence ID number starts with 9, this one with " + id.charAt(0));
                }
                if (!MAINLAND_PROVINCES.contains(id.substring(1, 3))) {
                    throw new InvalidIdentifierException(Rule.DIVISION,
                            "characters 2 and 3 (" + id.substring(1, 3) + ") are not a province code");
                }
            }
            case FOREIGN_PERMANENT_RESIDENCE_OLD -> throw new IllegalStateException("not a GB 11643 layout");
        }
    }

    private static String permitHint(String address) {
        return switch (address) {
            case "810000", "820000" -> " (this is a Hong Kong or Macao residence permit number)";
            case "830000" -> " (this is a Taiwan residence permit number)";
            default -> "";
        };
    }

    private static IdentityDocument oldPermanentResidence(String number, LocalDate today) {
        if (number.length() != 15) {
            throw new InvalidIdentifierException(Rule.LENGTH,
                    "a permanent residence card number (2004 format) has 15 characters, this one has " + number.length());
        }
        if (!number.matches("[A-Z]{3}[0-9]{12}")) {
            throw new InvalidIdentifierException(Rule.CHARACTER,
                    "a permanent residence card number (2004 format) is 3 letters followed by 12 digits");
        }
        if (!MAINLAND_PROVINCES.contains(number.substring(3, 5))) {
            throw new InvalidIdentifierException(Rule.DIVISION,
                    "characters 4 and 5 (" + number.substring(3, 5) + ") are not a province code");
        }
        // YYMMDD: the latest century that gives a date not after today (a card holder is not 100+ at issue).
        String yymmdd = number.substring(7, 13);
        LocalDate birth;
        try {
            birth = birthDate("20" + yymmdd, today);
        } catch (InvalidIdentifierException e) {
            birth = birthDate("19" + yymmdd, today);
        }
        return new IdentityDocument(DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, number, birth);
    }

    private static LocalDate birthDate(String yyyymmdd, LocalDate today) {
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new InvalidIdentifierException(Rule.BIRTH_DATE, yyyymmdd + " is not a date");
        }
        if (birth.getYear() < 1900 || birth.isAfter(today)) {
            throw new InvalidIdentifierException(Rule.BIRTH_DATE, "birth date " + birth + " is not plausible");
        }
        return birth;
    }

    private static String name(DocumentType type) {
        if (type == null) {
            return "identity document";
        }
        return switch (type) {
            case RESIDENT_ID -> "resident ID";
            case HK_MACAO_RESIDENCE_PERMIT -> "Hong Kong or Macao residence permit";
            case TAIWAN_RESIDENCE_PERMIT -> "Taiwan residence permit";
            case FOREIGN_PERMANENT_RESIDENCE_OLD -> "permanent residence card (2004 format)";
            case FOREIGN_PERMANENT_RESIDENCE -> "permanent residence ID (2023 format)";
        };
    }

    public DocumentType type() {
        return type;
    }

    /** The normalised number: stripped, upper case (X, letters). Never print it; use {@link #masked()}. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /**
     * Sex from the parity of the 17th digit (odd male, even female) for the GB 11643 layouts. Empty
     * for the 2004 permanent residence card, whose published description we could not find.
     */
    public Optional<Sex> sex() {
        if (type == DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD) {
            return Optional.empty();
        }
        return Optional.of((value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    }

    /** For pages and logs: 1101**********002X (18 characters), USA*********015 (15); birth date hidden. */
    public String masked() {
        return mask(value);
    }

    /** The same mask for a stored number of any of the five types (e.g. a party's identifier read from its row). */
    public static String mask(String number) {
        if (number == null) {
            return "-";
        }
        return number.length() == 18
                ? number.substring(0, 4) + "*".repeat(10) + number.substring(14)
                : number.length() == 15 ? number.substring(0, 3) + "*".repeat(9) + number.substring(12) : "*".repeat(number.length());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityDocument that && type == that.type && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    /** Masked, so that a document in a log line or exception message does not leak the number. */
    @Override
    public String toString() {
        return type + " " + masked();
    }
}
