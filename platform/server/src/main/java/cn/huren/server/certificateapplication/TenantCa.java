package cn.huren.server.certificateapplication;

import cn.huren.plugin.api.CaConnector;
import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.plugin.api.RevocationReason;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import java.io.IOException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The current tenant's CA, through its {@link CaConnector}: the core's own is the demo CA (demo
 * mode); a plugin's connector named by the tenant's configuration would take its place. A CA's
 * refusal or silence is a 502 whose type is the CA's code: nothing here changed.
 */
@Component
class TenantCa {

    private final ObjectProvider<CaConnector> connectors;

    TenantCa(ObjectProvider<CaConnector> connectors) {
        this.connectors = connectors;
    }

    IssuedCertificate issue(CertificateRequest request) {
        try {
            return connector().issue(TenantContext.require().info(), request);
        } catch (CaConnectorException e) {
            throw failed("the CA did not issue the certificate", e);
        }
    }

    /** Revokes; a certificate the CA revoked already (an operator did) counts as revoked. */
    void revoke(String serial, RevocationReason reason) {
        try {
            connector().revoke(TenantContext.require().info(), serial, reason);
        } catch (CaConnectorException e) {
            if (e.reason() != CaConnectorException.Reason.CONFLICT || !"already-revoked".equals(e.code())) {
                throw failed("the CA did not revoke the certificate", e);
            }
        }
    }

    /** Whether the tenant's CA issued certificates of this issuer name (RFC 2253, as bindings keep it). */
    boolean issues(String issuer) {
        CaConnector connector = connectors.getIfAvailable();
        if (connector == null || issuer == null) {
            return false;
        }
        X500Principal wanted = new X500Principal(issuer);
        return connector.issuingCertificates(TenantContext.require().info()).stream().anyMatch(der -> subject(der).equals(wanted));
    }

    /** SX-15: what a holder is told who wants to revoke a certificate of another CA. */
    static ApiException elsewhere(String issuer) {
        return ApiException.conflict("revoke-at-issuing-ca", "this certificate was issued by " + issuer
                + ", not by this portal's CA: revoke it at the issuing CA (its revocation list then tells this portal)");
    }

    private CaConnector connector() {
        CaConnector connector = connectors.getIfAvailable();
        if (connector == null) {
            throw ApiException.unavailable("no-ca-connector", "this portal has no CA connector to issue or revoke certificates");
        }
        return connector;
    }

    private static X500Principal subject(byte[] der) {
        try {
            return new X500Principal(new X509CertificateHolder(der).getSubject().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("the CA connector named an unreadable CA certificate", e);
        }
    }

    private static ApiException failed(String what, CaConnectorException e) {
        return new ApiException(HttpStatus.BAD_GATEWAY, e.code(), what + ": " + e.getMessage());
    }
}
