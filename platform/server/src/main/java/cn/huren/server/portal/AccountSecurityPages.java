package cn.huren.server.portal;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.account.AccountLogins;
import cn.huren.server.account.AccountSecurity;
import cn.huren.server.account.AccountView;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.account.SmsPurpose;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.MobileNumbers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 账号与安全: change the login password with the old one, or set it (the first time, or when the old one is
 * forgotten) with an SMS code (APP-04, APP-101); change the mobile number with codes on both numbers (APP-100); close
 * the account once nothing is left (APP-103). The account's number is shown masked only, so the person types it for a
 * code; the page checks it against the masked number, the account service checks the code against the real one.
 */
@Controller
class AccountSecurityPages {

    private final PersonAccounts accounts;
    private final AccountSecurity security;
    private final AccountLogins logins;
    private final AccountCodes codes;
    private final PageActions actions;

    AccountSecurityPages(PersonAccounts accounts, AccountSecurity security, AccountLogins logins, AccountCodes codes, PageActions actions) {
        this.accounts = accounts;
        this.logins = logins;
        this.security = security;
        this.codes = codes;
        this.actions = actions;
    }

    @GetMapping({"/account/password", "/t/{tenant}/account/password"})
    String password(PartyAccess me, @RequestParam(defaultValue = "") String mode, Model model) {
        AccountView account = accounts.view(AccountForms.accountId(me));
        model.addAttribute("passwordSet", account.passwordSet());
        model.addAttribute("bySms", !account.passwordSet() || mode.equals("sms"));
        model.addAttribute("maskedMobile", account.mobile());
        return "portal/account/password";
    }

    @PostMapping({"/account/password", "/t/{tenant}/account/password"})
    String changePassword(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                          RedirectAttributes flash) {
        boolean bySms = "sms".equals(form.getFirst("mode"));
        boolean first = !accounts.view(AccountForms.accountId(me)).passwordSet();
        String notice = first ? "notice.acct.passwordSet" : bySms ? "notice.acct.passwordReset" : "notice.acct.passwordChanged";
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), notice,
                AccountForms.placing(() -> {
                    AccountForms.requireSame(form.getFirst("newPassword"), form.getFirst("repeatPassword"));
                    if (bySms && !first) {
                        // APP-101: the old password forgotten: the SMS reset of the login page, for the account's own number
                        // (every session of the account ends with it, this one too: the person logs in with the new password)
                        ownMobile(me, form.getFirst("currentMobile"));
                        logins.resetPassword(form.getFirst("currentMobile").strip(), form.getFirst("code"), form.getFirst("newPassword"),
                                request.getRemoteAddr());
                        return "/account/login";
                    } else {
                        security.changePassword(me, new AccountSecurity.PasswordChange(bySms ? form.getFirst("code") : null,
                                bySms ? null : form.getFirst("oldPassword"), form.getFirst("newPassword")));
                    }
                    return "/account";
                }), "/account/password" + (bySms ? "?mode=sms" : ""));
    }

    @GetMapping({"/account/mobile", "/t/{tenant}/account/mobile"})
    String mobile(PartyAccess me, Model model) {
        model.addAttribute("maskedMobile", accounts.view(AccountForms.accountId(me)).mobile());
        return "portal/account/mobile";
    }

    @PostMapping({"/account/mobile", "/t/{tenant}/account/mobile"})
    String changeMobile(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                        RedirectAttributes flash) {
        // two codes on one form: a wrong one is said above the form (the service does not tell which)
        Map<String, String> fields = Map.of("sms-code-invalid", "", "sms-code-expired", "", "sms-code-locked", "", "mobile-taken", "newMobile");
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.mobileChanged", AccountForms.placing(() -> {
            ownMobile(me, form.getFirst("currentMobile"));
            security.changeMobile(me, new AccountSecurity.MobileChange(form.getFirst("oldCode"), form.getFirst("newMobile"), form.getFirst("newCode")));
            return "/account";
        }, fields), "/account/mobile");
    }

    @GetMapping({"/account/close", "/t/{tenant}/account/close"})
    String close(PartyAccess me, Model model) {
        model.addAttribute("left", security.closureBlockers(me));
        model.addAttribute("maskedMobile", accounts.view(AccountForms.accountId(me)).mobile());
        return "portal/account/close";
    }

    @PostMapping({"/account/close", "/t/{tenant}/account/close"})
    String doClose(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.closed", AccountForms.placing(() -> {
            if (!"true".equals(form.getFirst("confirm"))) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("confirm", "tick the box to confirm", "confirm-required")));
            }
            ownMobile(me, form.getFirst("currentMobile"));
            security.close(me, form.getFirst("code"));
            return "/account/login";
        }), "/account/close");
    }

    @PostMapping({"/account/password/code", "/t/{tenant}/account/password/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> passwordCode(PartyAccess me, @RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        boolean first = !accounts.view(AccountForms.accountId(me)).passwordSet();
        return own(me, mobile, first ? SmsPurpose.SET_PASSWORD : SmsPurpose.RESET_PASSWORD, request);
    }

    @PostMapping({"/account/mobile/code/old", "/t/{tenant}/account/mobile/code/old"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> oldMobileCode(PartyAccess me, @RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        return own(me, mobile, SmsPurpose.CHANGE_MOBILE_OLD, request);
    }

    @PostMapping({"/account/mobile/code/new", "/t/{tenant}/account/mobile/code/new"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> newMobileCode(PartyAccess me, @RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        AccountForms.accountId(me);
        return codes.send(mobile, SmsPurpose.CHANGE_MOBILE_NEW, request);
    }

    @PostMapping({"/account/close/code", "/t/{tenant}/account/close/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> closeCode(PartyAccess me, @RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        return own(me, mobile, SmsPurpose.CLOSE_ACCOUNT, request);
    }

    private ResponseEntity<AccountCodes.Reply> own(PartyAccess me, String mobile, SmsPurpose purpose, HttpServletRequest request) {
        try {
            ownMobile(me, mobile);
        } catch (ApiException e) {
            return codes.refused(e);
        }
        return codes.send(mobile, purpose, request);
    }

    /** The number typed is the account's, as far as its masked form tells; the account service checks each code against the real one. */
    private void ownMobile(PartyAccess me, String typed) {
        String number = typed == null ? "" : typed.strip();
        if (!MobileNumbers.mainland(number)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("currentMobile", "an 11-digit mainland mobile number", "mobile")));
        }
        if (!SmsMessage.mask(number).equals(accounts.view(AccountForms.accountId(me)).mobile())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("currentMobile", "not this account's number", "not-own-mobile")));
        }
    }
}
