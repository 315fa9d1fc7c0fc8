package cn.huren.server.login;

import cn.huren.server.session.PartyAccess;
import java.util.UUID;
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

    CertificateCheckController(CertificateCheck check) {
        this.check = check;
    }

    @PostMapping("/api/t/{tenant}/me/certificates/{id}/check/challenge")
    CertificateCheck.Challenge checkChallenge(PartyAccess me, @PathVariable long id) {
        return check.challenge(me.requireRead(), id);
    }

    /** Read-only; POST because it may carry the key's signature. */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/check")
    CertificateCheck.Report check(PartyAccess me, @PathVariable long id,
                                  @RequestBody(required = false) CheckInput body) {
        return check.run(me.requireRead(), id, body == null ? null : body.challenge(), body == null ? null : body.signature());
    }
}
