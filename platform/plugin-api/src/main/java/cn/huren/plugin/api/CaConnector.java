package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point: a certificate authority Huren orders certificates from (certificate ordering,
 * the demo CA). One connector serves many tenants; each call names the tenant it is for. A refused
 * request or an unreachable CA is reported as a {@link CaConnectorException}, never as another
 * runtime exception.
 */
public interface CaConnector extends ExtensionPoint {

    /** Stable, unique id, e.g. {@code demo}; a tenant's configuration names its connector by it. */
    String id();

    /**
     * Issues a certificate for the key in the request's PKCS#10 CSR (whose signature proves
     * possession of that key) to the holder and profile given; the CA, not the CSR's subject,
     * decides what the certificate says.
     */
    IssuedCertificate issue(TenantInfo tenant, CertificateRequest request);

    /** Revokes a certificate this CA issued for the tenant; final. Returns when the revocation took effect. */
    Instant revoke(TenantInfo tenant, String serialNumber, RevocationReason reason);

    /**
     * The CA certificates (DER) this connector issues the tenant's certificates under. The host asks
     * a connector to revoke only a certificate one of them issued (a holder revoking a certificate of
     * another CA is sent to that CA). Empty, the default: none known, so the host revokes nothing here.
     */
    default List<byte[]> issuingCertificates(TenantInfo tenant) {
        return List.of();
    }
}
