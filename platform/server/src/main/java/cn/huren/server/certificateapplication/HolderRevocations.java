package cn.huren.server.certificateapplication;

import cn.huren.plugin.api.RevocationReason;
import cn.huren.server.binding.CertificateAdministration;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocation by the holder (吊销 SX-15, 注销 APP-32): irreversible, confirmed, with a reason; by the
 * administrator (主锁), never of the primary itself ({@link CertificateAdministration#revocable}). The
 * tenant's CA revokes it (its CRL then lists it and logins are refused); a certificate of another CA
 * is revoked at that CA (409). The binding becomes REVOKED, its sessions end, the ledger and trading
 * systems (certificate.revoked) learn it; a CA that refuses leaves everything as it was.
 */
@Service
public class HolderRevocations {

    private final CertificateAdministration administration;
    private final CertificateBindings bindings;
    private final TenantCa ca;
    private final TransactionTemplate tx;

    HolderRevocations(CertificateAdministration administration, CertificateBindings bindings, TenantCa ca,
                      TransactionTemplate tx) {
        this.administration = administration;
        this.bindings = bindings;
        this.ca = ca;
        this.tx = tx;
    }

    public CertificateBindings.Binding revoke(PartyAccess me, long partyId, long id, String reason, boolean confirm) {
        String why = reason == null ? "" : reason.strip();
        List<FieldError> errors = new ArrayList<>();
        if (why.isEmpty() || why.length() > 1000) {
            errors.add(new FieldError("reason", "a revocation needs a reason (at most 1000 characters)", "revoke-reason"));
        }
        if (!confirm) {
            errors.add(new FieldError("confirm", "revocation is irreversible: confirm it", "confirm-required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        tx.executeWithoutResult(s -> {
            CertificateBindings.Binding b = administration.revocable(me, partyId, id);
            if (!ca.issues(b.issuer())) {
                throw TenantCa.elsewhere(b.issuer());
            }
            bindings.revoked(partyId, id, why, "HOLDER_REVOKED", me.actor());
            ca.revoke(b.serial(), RevocationReason.UNSPECIFIED);
        });
        return bindings.get(me, partyId, id);
    }
}
