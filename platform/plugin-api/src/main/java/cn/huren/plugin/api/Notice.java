package cn.huren.plugin.api;

import java.util.Objects;

/**
 * An in-app notice as sent: its kind, title and body in Chinese and English (pages show the reader's language),
 * and optionally a link to a page of the same portal: a local path such as {@code /t/js/portal/enterprises/3},
 * never another site.
 */
public record Notice(NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn, String link) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        titleZh = text(titleZh, "titleZh", 200, true);
        titleEn = text(titleEn, "titleEn", 200, true);
        bodyZh = text(bodyZh, "bodyZh", 2000, false);
        bodyEn = text(bodyEn, "bodyEn", 2000, false);
        if (link != null && !isLocalPath(link)) {
            throw new IllegalArgumentException("link must be a local path (/…, at most 500 characters), not another site");
        }
    }

    /** A notice without a link. */
    public Notice(NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn) {
        this(kind, titleZh, titleEn, bodyZh, bodyEn, null);
    }

    /** {@code /…} but not {@code //host} or {@code /\host} (browsers read both as another site), no control characters. */
    public static boolean isLocalPath(String link) {
        return link.length() <= 500 && link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\")
                && link.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }

    private static String text(String value, String name, int max, boolean required) {
        String v = Objects.requireNonNullElse(value, "").strip();
        if (required && v.isEmpty() || v.length() > max) {
            throw new IllegalArgumentException(name + " must be " + (required ? "1" : "0") + " to " + max + " characters");
        }
        return v;
    }
}
