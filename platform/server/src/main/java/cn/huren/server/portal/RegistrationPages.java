package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.Attachments;
import cn.huren.server.registry.RegistrationDocuments;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registration documents on the basic-information page (JS-08): upload the business licence and the
 * legal representative's attachment, download the commitment letter, upload its signature made by
 * the sealing tool (JS-82–JS-85).
 */
@Controller
class RegistrationPages {

    private static final String PAGE = "/registry/basic-info";

    private final RegistrationDocuments documents;
    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final PageActions actions;

    RegistrationPages(RegistrationDocuments documents, CertificateBindings bindings, Attachments attachments, PageActions actions) {
        this.documents = documents;
        this.bindings = bindings;
        this.attachments = attachments;
        this.actions = actions;
    }

    @PostMapping({"/registry/documents/{role}", "/t/{tenant}/registry/documents/{role}"})
    String upload(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String role, @RequestParam(required = false) MultipartFile file,
                  HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            if (role.equals("commitment-letter")) {
                documents.signCommitmentLetter(partyId, bytes(file), me.actor());
            } else {
                RegistrationDocuments.Role r = role.equals("business-licence") ? RegistrationDocuments.Role.BUSINESS_LICENCE
                        : role.equals("legal-representative") ? RegistrationDocuments.Role.LEGAL_REPRESENTATIVE : null;
                if (r == null) {
                    throw ApiException.notFound("unknown-document", "no registration document " + role);
                }
                documents.attach(partyId, r, RecordPages.Evidence.store(attachments, partyId, file), me.actor());
            }
            return PAGE;
        }, PAGE);
    }

    @GetMapping({"/registry/documents/commitment-letter.txt", "/t/{tenant}/registry/documents/commitment-letter.txt"})
    ResponseEntity<byte[]> letter(@AuthenticationPrincipal PartyPrincipal me) {
        byte[] letter = documents.commitmentLetter(bindings.requireAccess(me, false));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", ContentDisposition.attachment().filename("commitment-letter.txt").build().toString())
                .body(letter);
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? null : file.getBytes();
        } catch (IOException e) {
            throw ApiException.badRequest("attachment-unreadable", "the uploaded file could not be read");
        }
    }
}
