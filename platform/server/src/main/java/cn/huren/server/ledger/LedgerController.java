package cn.huren.server.ledger;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Operators check a tenant's ledger: GET /api/platform/tenants/{code}/ledger/verify. */
@RestController
class LedgerController {

    private final ChangeLedger ledger;
    private final TenantDirectory tenants;

    LedgerController(ChangeLedger ledger, TenantDirectory tenants) {
        this.ledger = ledger;
        this.tenants = tenants;
    }

    @GetMapping("/api/platform/tenants/{code}/ledger/verify")
    ChangeLedger.Verification verify(@PathVariable String code) {
        return TenantContext.callAs(tenants.byCode(code)
                .orElseThrow(() -> ApiException.notFound("tenant-not-found", "no tenant with code " + code)), ledger::verify);
    }
}
