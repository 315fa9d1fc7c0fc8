package cn.huren.server.binding;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What only the party's administrator (its primary certificate, 主锁) does to another certificate:
 * disable it and enable it again (APP-29, APP-30, APP-49), re-admit a voided one (JS-81), and declare an enterprise certificate the
 * legal representative's (SX-19). Every change goes to the ledger, so it shows in the certificate's log.
 */
@Service
public class CertificateAdministration {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CertificateBindings bindings;
    private final ChangeLedger ledger;

    CertificateAdministration(TenantData data, TransactionTemplate tx, CertificateBindings bindings,
                              ChangeLedger ledger) {
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.bindings = bindings;
        this.ledger = ledger;
    }

    /**
     * APP-29, APP-49: the certificate can no longer log in, and its open sessions end now. The
     * primary cannot disable itself: it hands the primary role to another certificate first.
     */
    public CertificateBindings.Binding disable(PartyAccess me, long partyId, long id) {
        tx.executeWithoutResult(s -> {
            CertificateBindings.Binding b = administered(me, partyId, id, "primary-certificate-required",
                    "only the party's administrator (primary certificate, 主锁) may disable certificates");
            if (b.primary()) {
                throw ApiException.conflict("primary-not-disablable",
                        "the primary certificate cannot be disabled; make another certificate the primary first");
            }
            if (b.disabledAt() != null) {
                throw ApiException.conflict("certificate-state", "this certificate is disabled already");
            }
            jdbc.sql("update certificate_binding set disabled_at = now(), disabled_by = ? where id = ?").params(me.actor(), id).update();
            bindings.endSessions(partyId, id);
            ledger.append(me.actor(), "certificate-binding", Long.toString(id), "DISABLE", Map.of("serial", b.serial()));
            bindings.changed(partyId, b.serial(), b.issuer(), "CERTIFICATE_DISABLED", CertificateStatus.DISABLED);
        });
        return bindings.get(me, partyId, id);
    }

    /** APP-30: only the administrator re-enables a disabled certificate; staff are told to ask the administrator. */
    public CertificateBindings.Binding enable(PartyAccess me, long partyId, long id) {
        tx.executeWithoutResult(s -> {
            CertificateBindings.Binding b = administered(me, partyId, id, "administrator-required",
                    "only the party's administrator (primary certificate, 主锁) may enable a disabled certificate; ask the administrator");
            if (b.disabledAt() == null) {
                throw ApiException.conflict("certificate-state", "this certificate is not disabled");
            }
            jdbc.sql("update certificate_binding set disabled_at = null, disabled_by = null where id = ?").param(id).update();
            ledger.append(me.actor(), "certificate-binding", Long.toString(id), "ENABLE", Map.of("serial", b.serial()));
            bindings.changed(partyId, b.serial(), b.issuer(), "CERTIFICATE_ENABLED", CertificateStatus.ACTIVE);
        });
        return bindings.get(me, partyId, id);
    }

    /**
     * JS-81: a voided certificate stays out (its login is refused, nothing binds it again) until the
     * administrator (主锁) re-admits it (重新准许); its holder's next login may then activate it again, as a
     * new entry. The voided entry stays VOIDED with its reason and evidence, and carries who re-admitted
     * it and when; the ledger has it, so the certificate's log shows it. Only the latest entry of its
     * certificate, and once.
     */
    public CertificateBindings.Binding readmit(PartyAccess me, long partyId, long id) {
        record Entry(String status, String fingerprint, String serial, boolean readmitted) {
        }
        tx.executeWithoutResult(s -> {
            Entry b = jdbc.sql("select status, fingerprint, serial, readmitted_at is not null from certificate_binding "
                            + "where id = ? and party_id = ? for update").params(id, partyId)
                    .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).optional()
                    .orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party"));
            if (!bindings.primaryNow(me, partyId)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "primary-certificate-required",
                        "only the party's administrator (primary certificate, 主锁) may re-admit a voided certificate");
            }
            if (!"VOIDED".equals(b.status())) {
                throw ApiException.conflict("certificate-state", "only a voided certificate can be re-admitted; this one is not voided");
            }
            if (b.readmitted()) {
                throw ApiException.conflict("certificate-state", "this certificate was re-admitted already; its holder may activate it");
            }
            if (jdbc.sql("select count(*) from certificate_binding where party_id = ? and fingerprint = ? and id > ?")
                    .params(partyId, b.fingerprint(), id).query(Long.class).single() > 0) {
                throw ApiException.conflict("certificate-state", "this certificate has a newer entry; re-admit that one if it is voided");
            }
            jdbc.sql("update certificate_binding set readmitted_at = now(), readmitted_by = ? where id = ?").params(me.actor(), id).update();
            ledger.append(me.actor(), "certificate-binding", Long.toString(id), "READMIT", Map.of("serial", b.serial()));
        });
        return bindings.get(me, partyId, id);
    }

    /**
     * SX-19: an enterprise certificate is the unit's (ENTERPRISE) or its legal representative's
     * (LEGAL_REPRESENTATIVE); a person's stays PERSONAL. Runs in the caller's transaction when there
     * is one, so that the seals may refuse a type their kind does not fit; returns the type now.
     */
    public CertificateType classify(PartyAccess me, long partyId, long id, String type) {
        CertificateType wanted = parse(type);
        return tx.execute(s -> {
            CertificateBindings.Binding b = administered(me, partyId, id, "primary-certificate-required",
                    "only the party's administrator (primary certificate, 主锁) may change a certificate's type");
            if (!b.type().enterprise()) {
                throw ApiException.conflict("certificate-type", "a person's certificate is always PERSONAL");
            }
            if (b.type() != wanted) {
                jdbc.sql("update certificate_binding set certificate_type = ? where id = ?").params(wanted.name(), id).update();
                ledger.append(me.actor(), "certificate-binding", Long.toString(id), "TYPE", Map.of("serial", b.serial(), "type", wanted.name()));
            }
            return wanted;
        });
    }

    private static CertificateType parse(String type) {
        if ("ENTERPRISE".equals(type) || "LEGAL_REPRESENTATIVE".equals(type)) {
            return CertificateType.valueOf(type);
        }
        throw ApiException.invalid(List.of(new ApiException.FieldError("type", "ENTERPRISE or LEGAL_REPRESENTATIVE", "certificate-type")));
    }

    /**
     * APP-32, SX-15: the entry a revocation (吊销/注销) may end, locked until the caller's transaction
     * ends: only the administrator (主锁) revokes, and not the primary itself, for the party would be
     * left without one; it hands the role to another certificate first (applying for a new one when
     * it is the only one). A disabled certificate may be revoked.
     */
    public CertificateBindings.Binding revocable(PartyAccess me, long partyId, long id) {
        CertificateBindings.Binding b = administered(me, partyId, id, "primary-certificate-required",
                "only the party's administrator (primary certificate, 主锁) may revoke certificates");
        if (b.primary()) {
            throw ApiException.conflict("primary-not-revocable", "the primary certificate cannot be revoked while it is the primary: "
                    + "make another certificate the primary first (apply for a new one if this is the only one)");
        }
        return b;
    }

    /** The entry, locked, when the acting certificate is the party's primary. */
    private CertificateBindings.Binding administered(PartyAccess me, long partyId, long id, String kind, String refusal) {
        CertificateBindings.Binding b = bindings.lockedActive(me, partyId, id);
        if (!bindings.primaryNow(me, partyId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, kind, refusal);
        }
        return b;
    }
}
