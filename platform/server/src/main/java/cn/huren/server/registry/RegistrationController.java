package cn.huren.server.registry;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** JS-08, X-09: /api/t/{tenant}/me/registration — the documents that complete registration. */
@RestController
class RegistrationController {

    record DocumentInput(UUID attachment) {
    }

    record SignatureInput(String signature) {
    }

    private final RegistrationDocuments documents;
    private final CertificateBindings access;

    RegistrationController(RegistrationDocuments documents, CertificateBindings access) {
        this.documents = documents;
        this.access = access;
    }

    @GetMapping("/api/t/{tenant}/me/registration")
    RegistrationDocuments.Status status(@AuthenticationPrincipal PartyPrincipal me) {
        return documents.status(access.requireAccess(me, false));
    }

    /** The exact bytes to sign (UTF-8 text). */
    @GetMapping(value = "/api/t/{tenant}/me/registration/commitment-letter", produces = MediaType.TEXT_PLAIN_VALUE)
    byte[] letter(@AuthenticationPrincipal PartyPrincipal me) {
        return documents.commitmentLetter(access.requireAccess(me, false));
    }

    @PostMapping("/api/t/{tenant}/me/registration/commitment-letter/signature")
    RegistrationDocuments.Status sign(@AuthenticationPrincipal PartyPrincipal me, @RequestBody SignatureInput body) {
        long party = access.requireAccess(me, true);
        byte[] cms;
        try {
            cms = body == null || body.signature() == null ? null : Base64.getMimeDecoder().decode(body.signature()
                    .replaceAll("-----(BEGIN|END) (PKCS7|CMS)-----", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("signature", "base64 DER (or PEM) of a detached CMS signature")));
        }
        return documents.signCommitmentLetter(party, cms, me.actor());
    }

    @PutMapping("/api/t/{tenant}/me/registration/documents/{role}")
    RegistrationDocuments.Status attach(@AuthenticationPrincipal PartyPrincipal me, @PathVariable RegistrationDocuments.Role role,
                                        @RequestBody DocumentInput body) {
        long party = access.requireAccess(me, true);
        return documents.attach(party, role, body == null ? null : body.attachment(), me.actor());
    }
}
