package cn.huren.server.portal;

import cn.huren.server.account.AccountFeedback;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.account.BankCards;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 银行卡管理 (APP-104: bind, and unbind after a confirmation page; numbers only masked) and 我的反馈 (APP-105: send
 * feedback, see the earlier ones).
 */
@Controller
class AccountCardPages {

    private final PersonAccounts accounts;
    private final BankCards cards;
    private final AccountFeedback feedback;
    private final PageActions actions;

    AccountCardPages(PersonAccounts accounts, BankCards cards, AccountFeedback feedback, PageActions actions) {
        this.accounts = accounts;
        this.cards = cards;
        this.feedback = feedback;
        this.actions = actions;
    }

    @GetMapping({"/account/bank-cards", "/t/{tenant}/account/bank-cards"})
    String cards(PartyAccess me, Model model) {
        model.addAttribute("cards", cards.list(me).stream().filter(c -> c.unboundAt() == null).toList());
        model.addAttribute("holderName", accounts.view(AccountForms.accountId(me)).realName().name());
        return "portal/account/bank-cards";
    }

    @PostMapping({"/account/bank-cards", "/t/{tenant}/account/bank-cards"})
    String bind(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.acct.cardBound", AccountForms.placing(() -> {
            cards.bind(me, new BankCards.NewCard(form.getFirst("cardNumber"), form.getFirst("bankName"), blankToNull(form.getFirst("reservedMobile"))));
            return "/account/bank-cards";
        }), "/account/bank-cards");
    }

    @GetMapping({"/account/bank-cards/{id}/unbind", "/t/{tenant}/account/bank-cards/{id}/unbind"})
    String confirmUnbind(PartyAccess me, @PathVariable long id, Model model) {
        model.addAttribute("card", cards.list(me).stream().filter(c -> c.id() == id && c.unboundAt() == null).findFirst()
                .orElseThrow(() -> ApiException.notFound("bank-card-not-found", "no such bound bank card")));
        return "portal/account/bank-card-unbind";
    }

    @PostMapping({"/account/bank-cards/{id}/unbind", "/t/{tenant}/account/bank-cards/{id}/unbind"})
    String unbind(PartyAccess me, @PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.acct.cardUnbound", () -> {
            cards.unbind(me, id);
            return "/account/bank-cards";
        }, "/account/bank-cards");
    }

    @GetMapping({"/account/feedback", "/t/{tenant}/account/feedback"})
    String feedback(PartyAccess me, Model model) {
        model.addAttribute("categories", AccountFeedback.Category.values());
        model.addAttribute("history", feedback.list(me));
        return "portal/account/feedback";
    }

    @PostMapping({"/account/feedback", "/t/{tenant}/account/feedback"})
    String sendFeedback(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.acct.feedbackSent", AccountForms.placing(() -> {
            feedback.submit(me, new AccountFeedback.NewFeedback(form.getFirst("category"), form.getFirst("text")));
            return "/account/feedback";
        }), "/account/feedback");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
