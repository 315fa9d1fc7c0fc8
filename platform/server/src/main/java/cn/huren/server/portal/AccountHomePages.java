package cn.huren.server.portal;

import cn.huren.server.account.AccountView;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.IdentityDocument.DocumentType;
import cn.huren.server.realname.RealNameMethod;
import cn.huren.server.realname.RealNameRequest;
import cn.huren.server.realname.RealNames;
import cn.huren.server.session.PartyAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 我的 (the account's home: who, masked number, real-name status, unread notices, the way to everything else) and
 * real-name verification (APP-06, APP-07: CFCA, Alipay face or bank-card four factors; any one is enough, and until
 * one succeeds every other account page comes back here, {@link AccountGate}).
 */
@Controller
class AccountHomePages {

    /** The three methods as the page names them in its links and form. */
    static final List<String> METHODS = Arrays.stream(RealNameMethod.values()).map(AccountHomePages::code).toList();

    /** The account as its home shows it; numbers masked. */
    record AccountCard(String name, String maskedMobile, boolean verified, String realNameMethod, String maskedIdNumber, boolean passwordSet) {

        static AccountCard of(AccountView v) {
            AccountView.RealName r = v.realName();
            return new AccountCard(r.name(), v.mobile(), r.verified(), r.method() == null ? null : r.method().toLowerCase(Locale.ROOT).replace('_', '-'),
                    r.document(), v.passwordSet());
        }
    }

    private final PersonAccounts accounts;
    private final RealNames realNames;
    private final Notices notices;
    private final PageActions actions;

    AccountHomePages(PersonAccounts accounts, RealNames realNames, Notices notices, PageActions actions) {
        this.accounts = accounts;
        this.realNames = realNames;
        this.notices = notices;
        this.actions = actions;
    }

    @GetMapping({"/account", "/t/{tenant}/account", "/account/", "/t/{tenant}/account/"})
    String home(PartyAccess me, Model model) {
        long id = AccountForms.accountId(me);
        model.addAttribute("account", AccountCard.of(accounts.view(id)));
        model.addAttribute("unread", notices.unreadCount(id));
        return "portal/account/home";
    }

    @GetMapping({"/account/real-name", "/t/{tenant}/account/real-name"})
    String realName(PartyAccess me, @RequestParam(defaultValue = "cfca") String method, HttpServletRequest request, Model model) {
        long id = AccountForms.accountId(me);
        if (accounts.realNameVerified(id)) {
            return "redirect:" + PageActions.base(request) + "/account";
        }
        model.addAttribute("methods", METHODS);
        model.addAttribute("method", METHODS.contains(method) ? method : METHODS.get(0));
        model.addAttribute("documentTypes", DocumentType.values());
        model.addAttribute("status", realNames.status(id));
        return "portal/account/real-name";
    }

    @PostMapping({"/account/real-name", "/t/{tenant}/account/real-name"})
    String verify(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        long id = AccountForms.accountId(me);
        String method = METHODS.contains(form.getFirst("method")) ? form.getFirst("method") : METHODS.get(0);
        // no transaction around it: the attempt is counted, and a provider's refusal leaves nothing half-made (RealNames)
        return actions.attempt(request, flash, form, "notice.acct.verified", AccountForms.placing(() -> {
            realNames.verify(id, new RealNameRequest(RealNameMethod.values()[METHODS.indexOf(method)], form.getFirst("name"),
                    documentType(form.getFirst("documentType")), form.getFirst("documentNumber"), form.getFirst("faceToken"),
                    form.getFirst("cardNumber"), form.getFirst("cardMobile")));
            return AccountForms.afterSignIn(request, "/account");
        }), "/account/real-name?method=" + method);
    }

    static String code(RealNameMethod method) {
        return method.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static DocumentType documentType(String value) {
        return value == null || value.isBlank() ? null
                : Arrays.stream(DocumentType.values()).filter(t -> t.name().equals(value)).findFirst().orElse(null);
    }
}
