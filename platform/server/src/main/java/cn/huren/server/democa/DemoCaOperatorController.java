package cn.huren.server.democa;

import cn.huren.plugin.api.CaConnector;
import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.RevocationReason;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators run a tenant's demo CA: /api/platform/tenants/{code}/demo-ca. */
@RestController
@Conditional(DemoCaEnabled.class)
class DemoCaOperatorController {

    record RevocationRequest(String serial, String reason) {
    }

    record Revocation(String serial, String reason, Instant revokedAt) {
    }

    private final DemoCaProvisioning provisioning;
    private final DemoCaIssuer issuer;
    private final CaConnector connector;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    DemoCaOperatorController(DemoCaProvisioning provisioning, DemoCaIssuer issuer, DemoCaConnector connector, TenantDirectory tenants,
                             OperationLog operations) {
        this.provisioning = provisioning;
        this.issuer = issuer;
        this.connector = connector;
        this.tenants = tenants;
        this.operations = operations;
    }

    /** Creates the tenant's demo CA and trusts it, or, when it exists, points its CRL URLs at this server. */
    @PostMapping("/api/platform/tenants/{code}/demo-ca")
    List<DemoCaProvisioning.CaView> provision(@PathVariable String code) {
        return operations.record("demo-ca.provision", code, "", () -> provisioning.provision(tenants.require(code)));
    }

    @GetMapping("/api/platform/tenants/{code}/demo-ca")
    List<DemoCaProvisioning.CaView> list(@PathVariable String code) {
        return provisioning.list(tenants.require(code));
    }

    @GetMapping("/api/platform/tenants/{code}/demo-ca/certificates")
    List<DemoCaStore.IssuedRow> certificates(@PathVariable String code) {
        return tenants.callAs(code, issuer::certificates);
    }

    @PostMapping("/api/platform/tenants/{code}/demo-ca/revocations")
    Revocation revoke(@PathVariable String code, @RequestBody RevocationRequest body) {
        RevocationReason reason = reason(body.reason());
        return operations.record("demo-ca.revoke", code, "serial=" + body.serial() + " reason=" + reason, () -> {
            TenantDescriptor tenant = tenants.require(code);
            try {
                return new Revocation(body.serial(), reason.name(), connector.revoke(tenant.info(), body.serial(), reason));
            } catch (CaConnectorException e) {
                throw ApiException.of(e);
            }
        });
    }

    private static RevocationReason reason(String text) {
        try {
            return text == null ? RevocationReason.UNSPECIFIED : RevocationReason.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason",
                    "one of " + java.util.Arrays.toString(RevocationReason.values()))));
        }
    }
}
