package cn.huren.server.notice;

import cn.huren.plugin.api.NoticeKind;
import java.time.Instant;
import java.util.Locale;

/** A notice in an account's notice centre; {@code readAt} is null while unread. */
public record AccountNotice(long id, NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                            String link, Instant createdAt, Instant readAt) {

    public boolean read() {
        return readAt != null;
    }

    /** The title in the reader's language: English for {@code en}, Chinese otherwise. */
    public String title(Locale locale) {
        return english(locale) ? titleEn : titleZh;
    }

    public String body(Locale locale) {
        return english(locale) ? bodyEn : bodyZh;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
