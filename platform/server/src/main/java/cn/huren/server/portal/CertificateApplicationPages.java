package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateStatus;
import cn.huren.server.binding.CertificateType;
import cn.huren.server.certificateapplication.Application;
import cn.huren.server.certificateapplication.CertificateApplications;
import cn.huren.server.session.PartyAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The certificate application form (新办/更新/变更), where "继续" leads (SX-17: a rejected or
 * cancelled application corrected and sent again; SX-18: an expired certificate renewed). The
 * key's medium (its CA middleware) makes the PKCS#10 request, pasted here; only the primary
 * applies, as on the API.
 */
@Controller
class CertificateApplicationPages {

    static final String FORM = "/certificates/apply";

    private final CertificateApplications applications;
    private final CertificateBindings bindings;
    private final PageActions actions;

    CertificateApplicationPages(CertificateApplications applications, CertificateBindings bindings,
                                PageActions actions) {
        this.applications = applications;
        this.bindings = bindings;
        this.actions = actions;
    }

    @GetMapping({FORM, "/t/{tenant}" + FORM})
    String form(PartyAccess me, @RequestParam(required = false) String kind,
                @RequestParam(required = false) Long replaces, Model model) {
        long partyId = me.requireRead();
        model.addAttribute("primary", me.mayWrite());
        model.addAttribute("kinds", Application.Kind.values());
        model.addAttribute("types", CertificateType.values());
        model.addAttribute("media", CertificateBindings.Medium.values());
        model.addAttribute("replaceable", bindings.list(me, partyId).stream()
                .filter(c -> c.status() == CertificateStatus.ACTIVE || c.status() == CertificateStatus.EXPIRED).toList());
        model.addAttribute("kind", kind == null ? (replaces == null ? "ISSUE" : "RENEW") : kind);
        model.addAttribute("replaces", replaces);
        return RegistryPages.frame(model, "certificates", "portal/certificate-apply");
    }

    @PostMapping({FORM, "/t/{tenant}" + FORM})
    String apply(PartyAccess me, @RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                 RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.applied", () -> {
            String replaces = form.getFirst("replaces");
            applications.apply(me, new CertificateApplications.Input(form.getFirst("kind"), form.getFirst("type"),
                    form.getFirst("medium"), form.getFirst("holderName"), form.getFirst("csr"),
                    replaces == null || replaces.isBlank() ? null : parse(replaces)));
            return "/certificates";
        }, FORM);
    }

    private static Long parse(String id) {
        try {
            return Long.valueOf(id.strip());
        } catch (NumberFormatException e) {
            return -1L; // no such certificate: the service says so for the field
        }
    }
}
