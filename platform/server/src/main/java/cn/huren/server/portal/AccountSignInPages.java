package cn.huren.server.portal;

import cn.huren.server.account.AccountLogins;
import cn.huren.server.account.SmsPurpose;
import cn.huren.server.captcha.Captchas;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
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
 * Signing up and in to a person's account in the browser: register by mobile number and SMS code (APP-03), log in
 * by password with the privacy policy (APP-04, APP-05) and a captcha once passwords failed (ORD-04) or by SMS code,
 * and reset a forgotten password by SMS code (ORD-05: nothing but a code is ever sent). The account services do the
 * work; the browser then takes over the session they opened ({@link PortalSession#signIn}).
 */
@Controller
class AccountSignInPages {

    private final AccountLogins logins;
    private final Captchas captchas;
    private final PageActions actions;
    private final AccountCodes codes;

    AccountSignInPages(AccountLogins logins, Captchas captchas, PageActions actions, AccountCodes codes) {
        this.logins = logins;
        this.captchas = captchas;
        this.actions = actions;
        this.codes = codes;
    }

    @GetMapping({"/account/register", "/t/{tenant}/account/register"})
    String register() {
        PortalAdvice.tenant();
        return "portal/account/register";
    }

    @PostMapping({"/account/register", "/t/{tenant}/account/register"})
    String doRegister(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.registered", AccountForms.placing(() -> {
            AccountLogins.OpenedSession opened = logins.register(form.getFirst("mobile"), form.getFirst("code"),
                    consent(form), request.getRemoteAddr());
            PortalSession.signIn(request, tenant, opened.tokenHash());
            return opened.realNameVerified() ? AccountForms.afterSignIn(request, "/account") : "/account/real-name"; // APP-06: verification comes first
        }), "/account/register");
    }

    @GetMapping({"/account/login", "/t/{tenant}/account/login"})
    String login(@RequestParam(defaultValue = "password") String tab, HttpServletRequest request, Model model) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        boolean sms = tab.equals("sms");
        boolean enterprise = tab.equals("enterprise");
        model.addAttribute("tab", sms ? "sms" : enterprise ? "enterprise" : "password");
        model.addAttribute("tenantCode", tenant.code());
        // ORD-04: the login by enterprise name always shows the captcha
        if (enterprise || !sms && captchaNeeded(model, request)) {
            Captchas.Challenge challenge = captchas.issue(request.getSession(), tenant.code());
            model.addAttribute("captcha", new CaptchaImage(challenge.id(), "data:image/png;base64," + Base64.getEncoder().encodeToString(challenge.png())));
        }
        return "portal/account/login";
    }

    /** ORD-04: the picture is shown once the services want it for this number or address, or when they just asked for it. */
    private boolean captchaNeeded(Model model, HttpServletRequest request) {
        if (model.getAttribute("fieldErrors") instanceof java.util.Map<?, ?> errors && errors.containsKey("captchaAnswer")) {
            return true;
        }
        String mobile = model.getAttribute("input") instanceof java.util.Map<?, ?> input && input.get("mobile") instanceof String m ? m : null;
        return logins.captchaRequired(mobile, request.getRemoteAddr());
    }

    /** A captcha as the page shows it. */
    record CaptchaImage(String id, String image) {
    }

    @PostMapping({"/account/login", "/t/{tenant}/account/login"})
    String doLogin(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.signedIn", AccountForms.placing(() -> {
            AccountLogins.OpenedSession opened = logins.passwordLogin(new AccountLogins.PasswordLogin(form.getFirst("mobile"),
                    form.getFirst("password"), consent(form), blankToNull(form.getFirst("captchaId")), blankToNull(form.getFirst("captchaAnswer"))),
                    request.getSession(), request.getRemoteAddr());
            PortalSession.signIn(request, tenant, opened.tokenHash());
            return opened.realNameVerified() ? AccountForms.afterSignIn(request, "/account") : "/account/real-name";
        }), "/account/login");
    }

    @PostMapping({"/account/login/enterprise", "/t/{tenant}/account/login/enterprise"})
    String doEnterpriseLogin(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.signedIn", AccountForms.placing(() -> {
            AccountLogins.OpenedSession opened = logins.enterprisePasswordLogin(new AccountLogins.EnterprisePasswordLogin(
                    form.getFirst("enterpriseName"), form.getFirst("password"), consent(form), blankToNull(form.getFirst("captchaId")),
                    blankToNull(form.getFirst("captchaAnswer"))), request.getSession(), request.getRemoteAddr());
            PortalSession.signIn(request, tenant, opened.tokenHash());
            return opened.realNameVerified() ? "/account" : "/account/real-name";
        }), "/account/login?tab=enterprise");
    }

    @PostMapping({"/account/login/sms", "/t/{tenant}/account/login/sms"})
    String doSmsLogin(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.signedIn", AccountForms.placing(() -> {
            AccountLogins.OpenedSession opened = logins.smsLogin(form.getFirst("mobile"), form.getFirst("code"), consent(form), request.getRemoteAddr());
            PortalSession.signIn(request, tenant, opened.tokenHash());
            return opened.realNameVerified() ? AccountForms.afterSignIn(request, "/account") : "/account/real-name";
        }), "/account/login?tab=sms");
    }

    @GetMapping({"/account/forgot", "/t/{tenant}/account/forgot"})
    String forgot() {
        PortalAdvice.tenant();
        return "portal/account/forgot";
    }

    @PostMapping({"/account/forgot", "/t/{tenant}/account/forgot"})
    String doForgot(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        PortalAdvice.tenant();
        return actions.attempt(request, flash, AccountForms.withoutSecrets(form), "notice.acct.passwordReset", AccountForms.placing(() -> {
            AccountForms.requireSame(form.getFirst("newPassword"), form.getFirst("repeatPassword"));
            logins.resetPassword(form.getFirst("mobile"), form.getFirst("code"), form.getFirst("newPassword"), request.getRemoteAddr());
            return "/account/login";
        }), "/account/forgot");
    }

    @GetMapping({"/account/privacy", "/t/{tenant}/account/privacy"})
    String privacy() {
        PortalAdvice.tenant();
        return "portal/account/privacy";
    }

    @PostMapping({"/account/register/code", "/t/{tenant}/account/register/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> registerCode(@RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        return codes.send(mobile, SmsPurpose.REGISTER, request);
    }

    @PostMapping({"/account/login/code", "/t/{tenant}/account/login/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> loginCode(@RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        return codes.send(mobile, SmsPurpose.LOGIN, request);
    }

    @PostMapping({"/account/forgot/code", "/t/{tenant}/account/forgot/code"})
    @ResponseBody
    ResponseEntity<AccountCodes.Reply> forgotCode(@RequestParam(defaultValue = "") String mobile, HttpServletRequest request) {
        return codes.send(mobile, SmsPurpose.RESET_PASSWORD, request);
    }

    private static Boolean consent(MultiValueMap<String, String> form) {
        return "true".equals(form.getFirst("privacyConsent"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
