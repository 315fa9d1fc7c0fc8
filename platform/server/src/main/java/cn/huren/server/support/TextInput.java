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
     * Where a JSON document (a column holding JSON text) holds a character that cannot be stored:
     * U+0000 (written as the escape {@code \\u0000}) or a lone surrogate (raw or escaped). The index
     * into {@code json}, or -1.
     */
    static int jsonRefused(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            } else if (c == '\\' && i + 1 < json.length()) {
                if (json.charAt(i + 1) == 'u' && i + 6 <= json.length()) {
                    int code = hex(json, i + 2);
                    boolean pair = Character.isHighSurrogate((char) code) && i + 12 <= json.length() && json.charAt(i + 6) == '\\'
                            && json.charAt(i + 7) == 'u' && Character.isLowSurrogate((char) hex(json, i + 8));
                    if (code == 0 || !pair && Character.isSurrogate((char) code)) {
                        return i;
                    }
                    i += pair ? 11 : 5;
                } else {
                    i++; // an escaped character, e.g. \\ followed by u0000 as plain text
                }
            }
        }
        return -1;
    }

    private static int hex(String text, int from) {
        try {
            return Integer.parseInt(text.substring(from, from + 4), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final java.util.regex.Pattern LAST_KEY =
            java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.){1,100})\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*+$");

    /** The JSON member whose string value holds {@code index}, or null (an array element, a key, too far back). */
    static String jsonKey(String json, int index) {
        String before = json.substring(Math.max(0, index - 2000), index);
        java.util.regex.Matcher m = LAST_KEY.matcher(before);
        return m.find() ? m.group(1) : null;
    }

    /** A value refused by {@link #refusal} or longer (in characters) than {@code max}: a 400 naming {@code field}. */
    public static void check(String field, CharSequence text, Integer max) {
        ApiException.FieldError error = error(field, text, max, false);
        if (error != null) {
            throw ApiException.invalid(List.of(error));
        }
    }

    /**
     * The field's error when {@code text} cannot be stored in {@code max} characters; else null.
     * {@code document}: the column holds JSON documents (text, json, jsonb), so JSON text (starting
     * with {@code {} or {@code [}) is checked inside its strings too, naming the member; in a plain
     * text column (varchar) a typed backslash-u-0000 is just text.
     */
    public static ApiException.FieldError error(String field, CharSequence text, Integer max, boolean document) {
        String refusal = refusal(text);
        if (document && looksLikeJson(text)) {
            String json = text.toString();
            int at = jsonRefused(json);
            if (at >= 0) {
                // the member of the JSON document is the field the client sent
                String key = jsonKey(json, at);
                return new ApiException.FieldError(key == null ? field : key,
                        json.charAt(at) == '\\' ? refusal(String.valueOf((char) Math.max(0, hex(json, at + 2)))) : refusal);
            }
        }
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

    /**
     * The one way the server makes text it did not check itself storable (third-party answers:
     * webhook receivers, certificates' subject and issuer, CRL/OCSP and exception messages; the
     * operation log): refused characters replaced by U+FFFD, cut to at most {@code max} UTF-16
     * units without splitting a surrogate pair, so the guard ({@link #error}) never refuses it.
     */
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
