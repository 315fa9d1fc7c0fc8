package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificateapplication.Application;
import cn.huren.server.certificateapplication.CertificateApplications;
import cn.huren.server.party.Attachments;
import cn.huren.server.session.PartyAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The certificates section (数字证书, 权限管理): every bound certificate with its live status and a
 * warning 30 days before it expires; details ({@link CertificateDetails}); change of holder and
 * primary; void with evidence; open certificate applications (证书申请: 审核中, 待下载, 已失效 with the
 * CA's reason, SX-16, SX-17). Disable, type, seals, check and revoke: {@link CertificateManagementPages}.
 */
@Controller
class CertificatePages {

    private static final String LIST = "/certificates";

    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final PageActions actions;
    private final CertificateDetails details;
    private final CertificateApplications applications;

    CertificatePages(CertificateBindings bindings, Attachments attachments, PageActions actions,
                     CertificateDetails details, CertificateApplications applications) {
        this.details = details;
        this.applications = applications;
        this.bindings = bindings;
        this.attachments = attachments;
        this.actions = actions;
    }

    @GetMapping({LIST, "/t/{tenant}" + LIST})
    String list(PartyAccess me, Model model) {
        long partyId = me.requireRead();
        model.addAttribute("certificates", bindings.list(me, partyId));
        model.addAttribute("primary", me.mayWrite());
        // a downloaded application is a bound certificate now, listed above
        model.addAttribute("applications", applications.list(partyId).stream()
                .filter(a -> a.state() != Application.State.DOWNLOADED).toList());
        model.addAttribute("tenantCode", PortalAdvice.tenant().code());
        return RegistryPages.frame(model, "certificates", "portal/certificates");
    }

    @GetMapping({LIST + "/{id}", "/t/{tenant}" + LIST + "/{id}"})
    String details(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "0") int logPage,
                   Model model) {
        return details.show(me, id, logPage, null, model);
    }

    @PostMapping({LIST + "/{id}", "/t/{tenant}" + LIST + "/{id}"})
    String change(PartyAccess me, @PathVariable long id, @RequestParam(required = false) String holderName,
                  @RequestParam(defaultValue = "false") boolean makePrimary, HttpServletRequest request, RedirectAttributes flash) {
        String page = LIST + "/" + id;
        return actions.run(request, flash, null, "notice.saved", () -> {
            bindings.change(me, me.requireRead(), id, holderName, makePrimary);
            return page;
        }, page);
    }

    @PostMapping({LIST + "/{id}/void", "/t/{tenant}" + LIST + "/{id}/void"})
    String voidBinding(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "") String reason,
                       @RequestParam(required = false) MultipartFile evidence, HttpServletRequest request, RedirectAttributes flash) {
        String page = LIST + "/" + id;
        return actions.run(request, flash, null, "notice.voided", () -> {
            long partyId = me.requireWrite();
            bindings.voidBinding(me, partyId, id, reason, RecordPages.Evidence.store(attachments, partyId, evidence));
            return page;
        }, page);
    }
}
