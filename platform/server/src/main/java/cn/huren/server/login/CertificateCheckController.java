package cn.huren.server.login;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartySessions;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The certificate check (APP-34) over the party API (/api/t/{tenant}/me/certificates/{id}/check…):
 * it runs a login's checks and signs a challenge, so it is login's, next to the binding package's
 * other certificate management endpoints.
 */
@RestController
class CertificateCheckController {

    record CheckInput(UUID challenge, String signature) {
    }

    private final CertificateCheck check;
    private final CertificateBindings access;

    CertificateCheckController(CertificateCheck check, CertificateBindings access) {
        this.check = check;
        this.access = access;
    }

    @PostMapping("/api/t/{tenant}/me/certificates/{id}/check/challenge")
    CertificateCheck.Challenge checkChallenge(@AuthenticationPrincipal PartySessions.PartyPrincipal me, @PathVariable long id) {
        return check.challenge(access.requireAccess(me, false), id);
    }

    /** Read-only; POST because it may carry the key's signature. */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/check")
    CertificateCheck.Report check(@AuthenticationPrincipal PartySessions.PartyPrincipal me, @PathVariable long id,
                                  @RequestBody(required = false) CheckInput body) {
        return check.run(access.requireAccess(me, false), id, body == null ? null : body.challenge(), body == null ? null : body.signature());
    }
}
