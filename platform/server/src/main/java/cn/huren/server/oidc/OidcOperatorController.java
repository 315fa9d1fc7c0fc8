package cn.huren.server.oidc;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators register a tenant's relying parties and rotate its signing keys:
 * /api/platform/tenants/{code}/oidc-clients and /oidc-keys. A client secret is in the answer to
 * create only; the operation log never holds it.
 */
@RestController
class OidcOperatorController {

    private final RelyingParties relyingParties;
    private final SigningKeys keys;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    OidcOperatorController(RelyingParties relyingParties, SigningKeys keys, TenantDirectory tenants, OperationLog operations) {
        this.relyingParties = relyingParties;
        this.keys = keys;
        this.tenants = tenants;
        this.operations = operations;
    }

    @PostMapping("/api/platform/tenants/{code}/oidc-clients")
    @ResponseStatus(HttpStatus.CREATED)
    RelyingParties.IssuedRelyingParty create(@PathVariable String code, @RequestBody RelyingParties.NewRelyingParty body) {
        return operations.record("oidc-client.create", code, "name=" + body.name() + " redirectUris=" + body.redirectUris()
                        + " listed=" + body.listed() + " initiateLoginUri=" + body.initiateLoginUri(),
                () -> tenants.callAs(code, () -> relyingParties.create(body)));
    }

    @GetMapping("/api/platform/tenants/{code}/oidc-clients")
    List<RelyingParties.RelyingPartyView> list(@PathVariable String code) {
        return tenants.callAs(code, relyingParties::list);
    }

    /** Whether and where the portal's platform picker lists the relying party: {listed, initiateLoginUri, order}. */
    @PatchMapping("/api/platform/tenants/{code}/oidc-clients/{clientId}")
    RelyingParties.RelyingPartyView change(@PathVariable String code, @PathVariable String clientId,
                                           @RequestBody RelyingParties.ListingChange body) {
        return operations.record("oidc-client.listing", code, "client=" + clientId + " listed=" + body.listed()
                        + " initiateLoginUri=" + body.initiateLoginUri() + " order=" + body.order(),
                () -> tenants.callAs(code, () -> relyingParties.changeListing(clientId, body)));
    }

    @DeleteMapping("/api/platform/tenants/{code}/oidc-clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String code, @PathVariable String clientId) {
        operations.record("oidc-client.delete", code, "client=" + clientId, () -> tenants.callAs(code, () -> {
            relyingParties.delete(clientId);
            return null;
        }));
    }

    @GetMapping("/api/platform/tenants/{code}/oidc-keys")
    List<SigningKeys.KeyView> keys(@PathVariable String code) {
        return tenants.callAs(code, () -> {
            return keys.listing();
        });
    }

    @PostMapping("/api/platform/tenants/{code}/oidc-keys/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    SigningKeys.KeyView rotate(@PathVariable String code) {
        return operations.record("oidc-key.rotate", code, "", () -> tenants.callAs(code, keys::rotate));
    }

    @PostMapping("/api/platform/tenants/{code}/oidc-keys/{kid}/retire")
    SigningKeys.KeyView retire(@PathVariable String code, @PathVariable String kid) {
        return operations.record("oidc-key.retire", code, "kid=" + kid, () -> tenants.callAs(code, () -> keys.retire(kid)));
    }

}
