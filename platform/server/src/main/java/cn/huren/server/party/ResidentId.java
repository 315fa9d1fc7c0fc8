package cn.huren.server.party;

import cn.huren.server.party.InvalidIdentifierException.Rule;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Resident identity card number (居民身份证号), GB 11643-1999: a 6-digit division code whose
 * province part exists, an 8-digit birth date that is a real date between 1900 and today, a 3-digit
 * sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public record ResidentId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
            "63", "64", "65", "71", "81", "82", "83");

    public ResidentId {
        value = check(value, LocalDate.now());
    }

    public static ResidentId parse(String text) {
        return new ResidentId(text);
    }

    static String check(String text, LocalDate today) {
        if (text == null) {
            throw new InvalidIdentifierException(Rule.LENGTH, "a resident ID number is required");
        }
        String id = text.strip().toUpperCase(Locale.ROOT);
        IdentityDocument.gb11643("resident ID", id, today, () -> {
            if (!PROVINCES.contains(id.substring(0, 2))) {
                throw new InvalidIdentifierException(Rule.DIVISION, "'" + id.substring(0, 2) + "' is not a province code");
            }
        });
        return id;
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /**
     * The same number as an {@link IdentityDocument}: a residence permit when it starts with
     * 810000, 820000 or 830000 (this type accepts those), otherwise a resident ID.
     */
    public IdentityDocument document() {
        return IdentityDocument.detect(value);
    }

    /** Masked for display and logs: 3201**********123X. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
