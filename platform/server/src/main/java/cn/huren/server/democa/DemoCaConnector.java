package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnector;
import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CertificateRequest;
import cn.huren.plugin.api.IssuedCertificate;
import cn.huren.plugin.api.RevocationReason;
import cn.huren.plugin.api.TenantInfo;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** The core's CA connector: the tenant's own demo CA. */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaConnector implements CaConnector {

    static final String ID = "demo";

    private final DemoCaIssuer issuer;
    private final TenantDirectory tenants;

    DemoCaConnector(DemoCaIssuer issuer, TenantDirectory tenants) {
        this.issuer = issuer;
        this.tenants = tenants;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public IssuedCertificate issue(TenantInfo tenant, CertificateRequest request) {
        return as(tenant, () -> issuer.issue(request));
    }

    @Override
    public Instant revoke(TenantInfo tenant, String serialNumber, RevocationReason reason) {
        return as(tenant, () -> issuer.revoke(serialNumber, reason));
    }

    @Override
    public List<byte[]> issuingCertificates(TenantInfo tenant) {
        return as(tenant, issuer::issuingCertificates);
    }

    private <T> T as(TenantInfo tenant, Supplier<T> work) {
        TenantDescriptor descriptor = TenantContext.current().filter(t -> t.code().equals(tenant.code()))
                .or(() -> tenants.byCode(tenant.code()))
                .orElseThrow(() -> new CaConnectorException(CaConnectorException.Reason.NOT_FOUND, "unknown-tenant",
                        "no tenant " + tenant.code()));
        return TenantContext.callAs(descriptor, work);
    }
}
