package cn.huren.server.portal;

import cn.huren.server.account.AccountView;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificateapplication.CertificateApplications;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 证书申请 from a person's account (APP-08): step 1 shows the verified name and the masked document and asks for the
 * province platform; step 2 takes the new key's certificate request; the application then waits for the tenant's
 * reviewer like every other. The platform is this portal's own (docs/accounts-pages.md: each province platform is
 * a tenant with its own portal).
 */
@Controller
class AccountCertificatePages {

    private static final String LIST = "/account/certificates";
    private static final String FORM = "/account/certificates/apply";

    private final PersonAccounts accounts;
    private final CertificateApplications applications;
    private final PageActions actions;

    AccountCertificatePages(PersonAccounts accounts, CertificateApplications applications, PageActions actions) {
        this.accounts = accounts;
        this.applications = applications;
        this.actions = actions;
    }

    @GetMapping({LIST, "/t/{tenant}" + LIST})
    String list(PartyAccess me, Model model) {
        AccountForms.accountId(me);
        model.addAttribute("applications", applications.list(me.requireApplicant(false)));
        return "portal/account/certificates";
    }

    @GetMapping({FORM, "/t/{tenant}" + FORM})
    String form(PartyAccess me, @RequestParam(required = false) String platform, Model model) {
        AccountView account = accounts.view(AccountForms.accountId(me));
        me.requireApplicant(true);
        TenantDescriptor tenant = PortalAdvice.tenant();
        model.addAttribute("account", account);
        model.addAttribute("platforms", List.of(tenant));
        model.addAttribute("media", CertificateBindings.Medium.values());
        boolean chosen = platform != null && platform.equals(tenant.code());
        model.addAttribute("platformError", platform != null && !chosen);
        model.addAttribute("platform", chosen ? tenant : null);
        return "portal/account/certificate-apply";
    }

    @PostMapping({FORM, "/t/{tenant}" + FORM})
    String apply(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String platform = form.getFirst("platform");
        return actions.run(request, flash, form, "notice.applied", AccountForms.placing(() -> {
            if (platform == null || !platform.equals(PortalAdvice.tenant().code())) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("platform", "choose the province platform", "platform-required")));
            }
            AccountView account = accounts.view(AccountForms.accountId(me));
            applications.apply(me, new CertificateApplications.Input("ISSUE", "PERSONAL", form.getFirst("medium"),
                    account.realName().name(), form.getFirst("csr"), null));
            return LIST;
        }), FORM + "?platform=" + PortalAdvice.tenant().code());
    }
}
