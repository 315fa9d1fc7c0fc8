package cn.huren.server.support;

import java.util.List;

/**
 * The one rule for text the server stores or looks up (docs/input-validation.md): PostgreSQL
 * refuses U+0000 in text, and a lone UTF-16 surrogate has no UTF-8 form (the driver would store
 * '?' instead); both are refused as the client's error, naming the field, before the database.
 */
public final class TextInput {

    private TextInput() {
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String refusal(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains the character U+0000, which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + "), which is not text";
            }
        }
        return null;
    }

    /**
     * Why a JSON document (a column holding JSON text) cannot be stored: one of its strings holds
     * U+0000 (written as the escape {@code \u0000}) or a lone surrogate; else null.
     */
    public static String jsonRefusal(CharSequence text) {
        String raw = refusal(text);
        if (raw != null) {
            return raw;
        }
        String json = text.toString();
        for (int i = json.indexOf("\\u"); i >= 0; i = json.indexOf("\\u", i + 2)) {
            int backslashes = 0;
            for (int j = i; j >= 0 && json.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            if (backslashes % 2 == 1 && i + 6 <= json.length()) {
                int code = Integer.parseInt(json.substring(i + 2, i + 6).replaceAll("[^0-9a-fA-F]", "0"), 16);
                boolean pairedHigh = Character.isHighSurrogate((char) code) && i + 12 <= json.length()
                        && json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u'
                        && Character.isLowSurrogate((char) Integer.parseInt(json.substring(i + 8, i + 12)
                                .replaceAll("[^0-9a-fA-F]", "0"), 16));
                if (code == 0) {
                    return refusal("\u0000");
                }
                if (pairedHigh) {
                    i += 6;
                } else if (Character.isSurrogate((char) code)) {
                    return refusal(String.valueOf((char) code));
                }
            }
        }
        return null;
    }

    /** A value refused by {@link #refusal} or longer (in characters) than {@code max}: a 400 naming {@code field}. */
    public static void check(String field, CharSequence text, Integer max) {
        ApiException.FieldError error = error(field, text, max);
        if (error != null) {
            throw ApiException.invalid(List.of(error));
        }
    }

    /** The field's error when {@code text} (JSON text checked inside its strings) cannot be stored in {@code max} characters; else null. */
    public static ApiException.FieldError error(String field, CharSequence text, Integer max) {
        String refusal = looksLikeJson(text) ? jsonRefusal(text) : refusal(text);
        if (refusal == null && max != null && Character.codePointCount(text, 0, text.length()) > max) {
            refusal = "at most " + max + " characters";
        }
        return refusal == null ? null : new ApiException.FieldError(field, refusal);
    }

    private static boolean looksLikeJson(CharSequence text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[');
    }

    /** {@code text} as the operation log may store it: refused characters replaced by U+FFFD, at most {@code max} characters. */
    public static String storable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
