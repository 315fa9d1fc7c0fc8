package cn.huren.server.party;

import cn.huren.server.party.InvalidIdentifierException.Rule;
import java.util.Locale;

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z): registration authority, organisation type, 6-digit division code,
 * 9-character organisation code, and a check character over the first 17 (weights 3^i mod 31).
 * The organisation code's own GB 11714 check digit is not enforced: pre-2016 codes in some cities
 * fail it while being valid USCCs.
 */
public record Uscc(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public Uscc {
        value = check(value);
    }

    public static Uscc parse(String text) {
        return new Uscc(text);
    }

    private static String check(String text) {
        if (text == null) {
            throw new InvalidIdentifierException(Rule.LENGTH, "a unified social credit code is required");
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (code.length() != 18) {
            throw new InvalidIdentifierException(Rule.LENGTH,
                    "a unified social credit code has 18 characters, this one has " + code.length());
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                throw new InvalidIdentifierException(Rule.CHARACTER, "character " + (i + 1) + " ('" + code.charAt(i)
                        + "') is not allowed in a unified social credit code (digits and capital letters except I, O, S, V, Z)");
            }
        }
        if (!code.substring(2, 8).matches("[0-9]{6}")) {
            throw new InvalidIdentifierException(Rule.DIVISION,
                    "characters 3 to 8 must be the 6-digit administrative division code, got " + code.substring(2, 8));
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            throw new InvalidIdentifierException(Rule.CHECK_CHARACTER, "the check character (18th) should be '"
                    + expected + "' for the first 17 characters, got '" + code.charAt(17) + "'");
        }
        return code;
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** The 6-digit administrative division (行政区划) the registering authority belongs to. */
    public String divisionCode() {
        return value.substring(2, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
