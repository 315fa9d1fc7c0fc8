package cn.huren.server.portal;

import cn.huren.server.notice.AccountNotice;
import cn.huren.server.notice.Notices;
import cn.huren.server.session.PartyAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account's notice centre (加入企业申请, 审核通过 …): unread first, marked read one by one or all at once. */
@Controller
class AccountNoticePages {

    /** A notice in the page's language. */
    record NoticeLine(long id, String title, String body, String link, Instant at, boolean read) {
    }

    private final Notices notices;
    private final PageActions actions;

    AccountNoticePages(Notices notices, PageActions actions) {
        this.notices = notices;
        this.actions = actions;
    }

    @GetMapping({"/account/notices", "/t/{tenant}/account/notices"})
    String list(PartyAccess me, Locale locale, Model model) {
        Notices.Page page = notices.list(AccountForms.accountId(me), 0, Notices.MAX_PAGE_SIZE);
        List<NoticeLine> lines = page.items().stream()
                .sorted(Comparator.comparing(AccountNotice::read)) // stable: newest first within unread and read
                .map(n -> new NoticeLine(n.id(), n.title(locale), n.body(locale), n.link(), n.createdAt(), n.read()))
                .toList();
        model.addAttribute("notices", lines);
        model.addAttribute("unread", page.unread());
        return "portal/account/notices";
    }

    @PostMapping({"/account/notices/{id}/read", "/t/{tenant}/account/notices/{id}/read"})
    String read(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.acct.read", () -> {
            notices.markRead(AccountForms.accountId(me), id);
            return "/account/notices";
        }, "/account/notices");
    }

    @PostMapping({"/account/notices/read-all", "/t/{tenant}/account/notices/read-all"})
    String readAll(PartyAccess me, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.acct.read", () -> {
            notices.markAllRead(AccountForms.accountId(me));
            return "/account/notices";
        }, "/account/notices");
    }
}
