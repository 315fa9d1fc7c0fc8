package cn.huren.server.login;

import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.support.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Permission management (权限管理, JS-73–JS-81): a party's bound certificates with their live status,
 * change (only the holder and the primary flag, JS-79), void (only an active entry, with reason and
 * evidence, never deleted, JS-81). The primary may change every entry; another certificate only its
 * own holder name (JS-80). One primary per party, always.
 */
@Service
public class BoundCertificates {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /**
     * One binding as shown; {@code expiresSoon}: within 30 days of its end; {@code disabledBy}: the
     * acting certificate's actor name (party:…/cert:…) while DISABLED; {@code readmittedAt}, {@code readmittedBy}:
     * when and by whom a VOIDED entry's certificate was re-admitted (重新准许), so that it may be activated again.
     */
    public record Binding(long id, String serial, String issuer, String caName, String medium, String mediumId, String holderName,
                          boolean primary, CertificateStatus status, String statusReason, Instant notBefore, Instant notAfter,
                          boolean expiresSoon, Instant createdAt, String voidReason, UUID voidEvidenceId, boolean current,
                          CertificateType type, Instant disabledAt, String disabledBy, Instant readmittedAt, String readmittedBy) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CertificateVerifier verifier;
    private final ChangeLedger ledger;
    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final Clock clock;

    BoundCertificates(DataSource dataSource, TransactionTemplate tx, CertificateVerifier verifier, ChangeLedger ledger,
                      CertificateBindings bindings, Attachments attachments, Clock clock) {
        this.clock = clock;
        this.bindings = bindings;
        this.attachments = attachments;
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
        this.tx = tx;
        this.verifier = verifier;
        this.ledger = ledger;
    }

    public List<Binding> list(PartySessions.PartyPrincipal me, long partyId) {
        return withStatus(me, "select * from certificate_binding where party_id = ? order by id", partyId);
    }

    /** One entry; only its own certificate is checked, not the party's others. */
    public Binding get(PartySessions.PartyPrincipal me, long partyId, long id) {
        return withStatus(me, "select * from certificate_binding where party_id = ? and id = ?", partyId, id).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party"));
    }

    /** Rows read in one short transaction; the live checks (chain, CRL/OCSP) run after it, holding no connection. */
    private List<Binding> withStatus(PartySessions.PartyPrincipal me, String sql, Object... params) {
        List<Map.Entry<Binding, byte[]>> rows = tx.execute(s -> jdbc.sql(sql).params(params)
                .query((rs, n) -> Map.entry(row(rs, me), bytes(rs))).list());
        List<Binding> result = new ArrayList<>();
        rows.forEach(r -> result.add(withStatus(r.getKey(), r.getValue())));
        return result;
    }

    /** JS-79, JS-80: the holder of any entry (primary) or of one's own entry; the primary flag only by the primary. */
    public Binding change(PartySessions.PartyPrincipal me, long partyId, long id, String holderName, Boolean makePrimary) {
        String holder = holderName == null ? null : holderName.strip();
        if (holder != null && (holder.isEmpty() || holder.length() > 100)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("holderName", "1 to 100 characters")));
        }
        tx.executeWithoutResult(s -> {
            Binding b = lockedActive(me, partyId, id);
            boolean primary = bindings.isPrimary(partyId, me.certificateFingerprint());
            if (!primary && !b.current()) {
                throw forbidden("a certificate that is not the primary may change only its own entry (JS-80)");
            }
            if (holder != null && !holder.equals(b.holderName())) {
                jdbc.sql("update certificate_binding set holder_name = ? where id = ?").params(holder, id).update();
                ledger.append(me.actor(), "certificate-binding", Long.toString(id), "HOLDER", Map.of("serial", b.serial(), "holderName", holder));
            }
            if (Boolean.TRUE.equals(makePrimary) && !b.primary()) {
                if (!primary) {
                    throw forbidden("only the primary certificate (主锁) may hand the primary role to another");
                }
                if (b.disabledAt() != null) {
                    throw ApiException.conflict("certificate-disabled", "a disabled certificate cannot become the primary; enable it first");
                }
                bindings.handOverPrimary(partyId, id, me.actor());
            }
        });
        return get(me, partyId, id);
    }

    /**
     * JS-81: only an active entry, by the primary, with reason and evidence; the primary itself is handed
     * over first. The certificate's sessions end at once, and it cannot log in or be activated again until
     * the primary re-admits it ({@link CertificateAdministration#readmit}).
     */
    public Binding voidBinding(PartySessions.PartyPrincipal me, long partyId, long id, String reason, UUID evidence) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            errors.add(new ApiException.FieldError("reason", "a void needs a reason (at most 1000 characters)", "void-reason"));
        }
        if (evidence == null) {
            errors.add(new ApiException.FieldError("evidence", "a void needs an evidence attachment", "void-evidence"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        tx.executeWithoutResult(s -> {
            Binding b = lockedActive(me, partyId, id);
            if (!bindings.isPrimary(partyId, me.certificateFingerprint())) {
                throw forbidden("only the primary certificate (主锁) may void certificates");
            }
            if (b.primary()) {
                throw ApiException.conflict("primary-not-voidable", "make another certificate the primary before voiding this one");
            }
            if (attachments.find(partyId, evidence).isEmpty()) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("evidence", "no such attachment of this party")));
            }
            jdbc.sql("update certificate_binding set status = 'VOIDED', void_reason = ?, void_evidence_id = ?, voided_at = now() where id = ?")
                    .params(reason.strip(), evidence, id).update();
            bindings.endSessions(partyId, id); // JS-81: at once, as a disable does; its login is refused until re-admitted
            ledger.append(me.actor(), "certificate-binding", Long.toString(id), "VOID",
                    Map.of("serial", b.serial(), "reason", reason.strip(), "evidence", evidence.toString()));
            bindings.published(partyId, b.serial(), b.issuer(), "VOIDED", "BINDING_VOIDED", reason.strip());
        });
        return get(me, partyId, id);
    }

    /**
     * The entry, locked until the caller's transaction ends (a change that depends on its state, such
     * as linking a seal, runs in one); 404 for another party's, 409 for a voided or revoked one.
     * {@code me} null: no session acts (a download), so none is {@code current}.
     */
    public Binding lockedActive(PartySessions.PartyPrincipal me, long partyId, long id) {
        Binding b = jdbc.sql("select * from certificate_binding where id = ? and party_id = ? for update").params(id, partyId)
                .query((rs, n) -> row(rs, me)).optional()
                .orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party"));
        if (b.status() == CertificateStatus.VOIDED || b.status() == CertificateStatus.REVOKED) {
            throw ApiException.conflict("record-state", "a " + b.status().name().toLowerCase() + " certificate entry stays as it is");
        }
        return b;
    }

    private Binding withStatus(Binding b, byte[] der) {
        if (b.status() == CertificateStatus.VOIDED || b.status() == CertificateStatus.DISABLED || b.status() == CertificateStatus.REVOKED) {
            return b;
        }
        CertificateStatus status = CertificateStatus.ACTIVE;
        String reason = null;
        if (der != null) {
            try {
                verifier.verify(der, List.of());
            } catch (ApiException e) {
                status = CertificateStatus.fromRefusal(e.kind());
                reason = e.getMessage();
            }
        } else if (b.notAfter().isBefore(clock.instant())) {
            status = CertificateStatus.EXPIRED;
        }
        boolean soon = status == CertificateStatus.ACTIVE && b.notAfter().isBefore(clock.instant().plus(EXPIRY_WARNING));
        return new Binding(b.id(), b.serial(), b.issuer(), b.caName(), b.medium(), b.mediumId(), b.holderName(), b.primary(), status,
                reason, b.notBefore(), b.notAfter(), soon, b.createdAt(), b.voidReason(), b.voidEvidenceId(), b.current(), b.type(),
                b.disabledAt(), b.disabledBy(), b.readmittedAt(), b.readmittedBy());
    }

    private static Binding row(ResultSet rs, PartySessions.PartyPrincipal me) throws SQLException {
        String stored = rs.getString("status");
        java.sql.Timestamp notBefore = rs.getTimestamp("not_before");
        java.sql.Timestamp disabledAt = rs.getTimestamp("disabled_at");
        java.sql.Timestamp readmittedAt = rs.getTimestamp("readmitted_at");
        // a holder's revocation (APP-32) is final and needs no CRL to be known
        CertificateStatus state = "VOIDED".equals(stored) ? CertificateStatus.VOIDED : "REVOKED".equals(stored) ? CertificateStatus.REVOKED
                : disabledAt != null ? CertificateStatus.DISABLED : CertificateStatus.ACTIVE;
        return new Binding(rs.getLong("id"), rs.getString("serial"), rs.getString("issuer"), rs.getString("ca_name"), rs.getString("medium"),
                rs.getString("medium_id"), rs.getString("holder_name"), rs.getBoolean("is_primary"), state, rs.getString("revocation_reason"),
                notBefore == null ? null : notBefore.toInstant(), rs.getTimestamp("not_after").toInstant(), false,
                rs.getTimestamp("created_at").toInstant(), rs.getString("void_reason"), (UUID) rs.getObject("void_evidence_id"),
                me != null && rs.getString("fingerprint").equals(me.certificateFingerprint()), CertificateType.valueOf(rs.getString("certificate_type")),
                disabledAt == null ? null : disabledAt.toInstant(), rs.getString("disabled_by"),
                readmittedAt == null ? null : readmittedAt.toInstant(), rs.getString("readmitted_by"));
    }

    private static byte[] bytes(ResultSet rs) throws SQLException {
        return rs.getBytes("certificate");
    }

    static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "primary-certificate-required", detail);
    }
}
