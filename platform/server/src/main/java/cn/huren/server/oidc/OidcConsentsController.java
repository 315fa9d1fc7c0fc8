package cn.huren.server.oidc;

import cn.huren.plugin.api.RelyingParties.Consent;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A party's consents to relying parties over the party API: /api/t/{tenant}/me/oidc-consents. Whoever may act for
 * the party may revoke one (any of its certificates could give it); the platform's tokens for the party end with it.
 */
@RestController
class OidcConsentsController {

    private final HostRelyingParties relyingParties;

    OidcConsentsController(HostRelyingParties relyingParties) {
        this.relyingParties = relyingParties;
    }

    @GetMapping("/api/t/{tenant}/me/oidc-consents")
    List<Consent> list(PartyAccess me) {
        return relyingParties.consents(me.requireRead());
    }

    @DeleteMapping("/api/t/{tenant}/me/oidc-consents/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(PartyAccess me, @PathVariable String clientId) {
        if (!relyingParties.revoke(me.requireRead(), clientId)) {
            throw ApiException.notFound("oidc-consent-not-found", "no consent to the platform " + clientId);
        }
    }
}
