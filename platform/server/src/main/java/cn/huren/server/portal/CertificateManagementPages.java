package cn.huren.server.portal;

import cn.huren.server.binding.CertificateAdministration;
import cn.huren.server.certificateapplication.HolderRevocations;
import cn.huren.server.login.CertificateCheck;
import cn.huren.server.seal.Seals;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A certificate's details page, its management actions: disable and enable (APP-29, APP-30, each
 * confirmed, APP-49), re-admit a voided one (JS-81, confirmed), type and seals (SX-19), the certificate check (APP-34) and revocation (注销,
 * APP-32, SX-15: confirmed, with a reason).
 */
@Controller
class CertificateManagementPages {

    private static final String ONE = "/certificates/{id}";
    private static final String TENANT_ONE = "/t/{tenant}" + ONE;

    private final CertificateAdministration administration;
    private final Seals seals;
    private final CertificateCheck check;
    private final CertificateDetails details;
    private final PageActions actions;
    private final HolderRevocations revocations;

    CertificateManagementPages(CertificateAdministration administration, Seals seals, CertificateCheck check,
                               CertificateDetails details, PageActions actions, HolderRevocations revocations) {
        this.revocations = revocations;
        this.administration = administration;
        this.seals = seals;
        this.check = check;
        this.details = details;
        this.actions = actions;
    }

    @PostMapping({ONE + "/disable", TENANT_ONE + "/disable"})
    String disable(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                   HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.disabled", () -> {
            confirmed(confirm);
            administration.disable(me, me.requireRead(), id);
        });
    }

    @PostMapping({ONE + "/enable", TENANT_ONE + "/enable"})
    String enable(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                  HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.enabled", () -> {
            confirmed(confirm);
            administration.enable(me, me.requireRead(), id);
        });
    }

    /** JS-81: the primary re-admits a voided certificate (重新准许), confirmed; its holder may then activate it again. */
    @PostMapping({ONE + "/readmit", TENANT_ONE + "/readmit"})
    String readmit(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                   HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.readmitted", () -> {
            confirmed(confirm);
            administration.readmit(me, me.requireRead(), id);
        });
    }

    @PostMapping({ONE + "/revoke", TENANT_ONE + "/revoke"})
    String revoke(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                  @RequestParam(defaultValue = "") String reason, HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.revoked", () -> revocations.revoke(me, me.requireRead(), id, reason, confirm));
    }

    @PostMapping({ONE + "/type", TENANT_ONE + "/type"})
    String type(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "") String type,
                HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.saved", () -> seals.classify(me, me.requireRead(), id, type));
    }

    @PostMapping({ONE + "/seals", TENANT_ONE + "/seals"})
    String addSeal(PartyAccess me, @PathVariable long id, @RequestParam(defaultValue = "") String kind,
                   @RequestParam(defaultValue = "") String name, @RequestParam(required = false) MultipartFile image,
                   HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.sealAdded", () -> seals.add(me, me.requireCertificateAdministration(), id, kind, name, bytes(image)));
    }

    @PostMapping({ONE + "/seals/{sealId}/delete", TENANT_ONE + "/seals/{sealId}/delete"})
    String removeSeal(PartyAccess me, @PathVariable long id, @PathVariable long sealId,
                      HttpServletRequest request, RedirectAttributes flash) {
        return act(request, flash, id, "notice.deleted", () -> seals.remove(me, me.requireCertificateAdministration(), id, sealId));
    }

    /** Only the party's own sessions reach this (ROLE_PARTY, and the seal must be the session's party's). */
    @GetMapping({ONE + "/seals/{sealId}.png", TENANT_ONE + "/seals/{sealId}.png"})
    ResponseEntity<byte[]> sealImage(PartyAccess me, @PathVariable long id, @PathVariable long sealId) {
        return seals.imageResponse(me.requireRead(), id, sealId);
    }

    /**
     * APP-34: runs the check and shows its result on the details page (it changes nothing, so no
     * redirect); the signature comes from the key's local signer, after its PIN, in the page's script.
     */
    @PostMapping({ONE + "/check", TENANT_ONE + "/check"})
    String check(PartyAccess me, @PathVariable long id, @RequestParam(required = false) UUID challenge,
                 @RequestParam(required = false) String signature, Model model) {
        boolean signed = signature != null && !signature.isBlank();
        CertificateCheck.Report report = null;
        try {
            report = check.run(me.requireRead(), id, signed ? challenge : null, signed ? signature : null);
        } catch (ApiException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("problemKind", "problem." + e.kind());
        }
        return details.show(me, id, 0, report, model);
    }

    private String act(HttpServletRequest request, RedirectAttributes flash, long id, String notice, Runnable action) {
        String page = "/certificates/" + id;
        return actions.run(request, flash, null, notice, () -> {
            action.run();
            return page;
        }, page);
    }

    /** APP-49: the form asks "are you sure" with a checkbox; a post without it changes nothing. */
    private static void confirmed(boolean confirm) {
        if (!confirm) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("confirm", "tick the box to confirm", "confirm-required")));
        }
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null || file.isEmpty() ? null : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
