package cn.huren.server.notice;

import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The account's notice centre over the party API (bearer, account sessions only): /api/t/{tenant}/me/account/notices. */
@RestController
@Tag(name = "Account notices", description = "The notice centre of the signed-in account (bearer token of a password or SMS session)")
class AccountNoticeController {

    /** A notice in the request's language (Accept-Language: en or zh). */
    record NoticeView(long id, NoticeKind kind, String title, String body, String link, Instant createdAt, Instant readAt, boolean read) {

        static NoticeView of(AccountNotice n, Locale locale) {
            return new NoticeView(n.id(), n.kind(), n.title(locale), n.body(locale), n.link(), n.createdAt(), n.readAt(), n.read());
        }
    }

    record PageView(int page, int size, long total, long unread, List<NoticeView> items) {
    }

    private final Notices notices;

    AccountNoticeController(Notices notices) {
        this.notices = notices;
    }

    @Operation(summary = "The account's notices, newest first, in the request's language, with the unread count")
    @GetMapping("/api/t/{tenant}/me/account/notices")
    PageView list(PartyAccess me, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "" + Notices.DEFAULT_PAGE_SIZE) int size, Locale locale) {
        Notices.Page p = notices.list(account(me), page, size);
        return new PageView(p.page(), p.size(), p.total(), p.unread(), p.items().stream().map(n -> NoticeView.of(n, locale)).toList());
    }

    @Operation(summary = "How many of the account's notices are unread")
    @GetMapping("/api/t/{tenant}/me/account/notices/unread-count")
    Map<String, Long> unreadCount(PartyAccess me) {
        return Map.of("unread", notices.unreadCount(account(me)));
    }

    @Operation(summary = "Marks one of the account's notices read; another account's notice is 404")
    @PostMapping("/api/t/{tenant}/me/account/notices/{id}/read")
    NoticeView read(PartyAccess me, @PathVariable long id, Locale locale) {
        return NoticeView.of(notices.markRead(account(me), id), locale);
    }

    @Operation(summary = "Marks every unread notice of the account read")
    @PostMapping("/api/t/{tenant}/me/account/notices/read-all")
    Map<String, Integer> readAll(PartyAccess me) {
        return Map.of("marked", notices.markAllRead(account(me)));
    }

    /** The security chain lets only account sessions in here; anything else would be a wiring mistake. */
    private static long account(PartyAccess me) {
        if (me.accountId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-required", "only a person's account session has a notice centre");
        }
        return me.accountId();
    }
}
