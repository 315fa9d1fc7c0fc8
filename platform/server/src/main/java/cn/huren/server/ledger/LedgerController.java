package cn.huren.server.ledger;

import cn.huren.server.tenancy.TenantDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ledger endpoints: operators verify a tenant's ledger; anyone may fetch the signed checkpoint and
 * inclusion proofs (they carry hashes only, no record content).
 */
@RestController
class LedgerController {

    private final LedgerCheckpoints checkpoints;
    private final TenantDirectory tenants;

    LedgerController(LedgerCheckpoints checkpoints, TenantDirectory tenants) {
        this.checkpoints = checkpoints;
        this.tenants = tenants;
    }

    @GetMapping("/api/platform/tenants/{code}/ledger/verify")
    ChangeLedger.Verification verify(@PathVariable String code) {
        return tenants.callAs(code, checkpoints::verify);
    }

    @GetMapping("/api/t/{tenant}/ledger/checkpoint")
    LedgerCheckpoints.Checkpoint checkpoint() {
        return checkpoints.latest();
    }

    @GetMapping("/api/t/{tenant}/ledger/entries/{seq}/proof")
    LedgerCheckpoints.InclusionProof proof(@PathVariable long seq, @RequestParam long treeSize) {
        return checkpoints.proof(seq, treeSize);
    }
}
