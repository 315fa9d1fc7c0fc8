package cn.huren.server.binding;

import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.session.CertificateSessionsEnded;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.Outbox;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Certificates bound to a party (X-05, JS-73–JS-81), the one type for them: binds (serial, issuer
 * and validity come from the verified certificate and are never typed in, JS-74), answers whether a
 * certificate is bound and what it may do, and permission management (权限管理, JS-73–JS-81): a party's
 * bound certificates with their live status, change (only the holder and the primary flag, JS-79),
 * void (only an active entry, with reason and evidence, never deleted, JS-81). The primary may change
 * every entry; another certificate only its own holder name (JS-80). One primary per party, always.
 * Revocations by the holder or the CA end the certificate's sessions and tell the trading systems.
 */
@Component
public class CertificateBindings {

    public enum Medium { TOKEN, MOBILE }

    /** A binding as trading systems see it: whose certificate it is and its state. */
    public record BindingStatus(long partyId, String serial, String issuer, String caName, Medium medium, boolean primary,
                                String status, java.time.Instant notAfter, java.time.Instant boundAt) {

        /** The state as stored (ACTIVE, DISABLED, VOIDED or REVOKED), not a live check's: trading systems read it so. */
        static BindingStatus of(long partyId, Binding b) {
            return new BindingStatus(partyId, b.serial(), b.issuer(), b.caName(), Medium.valueOf(b.medium()), b.primary(),
                    b.status().name(), b.notAfter(), b.createdAt());
        }
    }

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
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Attachments attachments;
    private final Clock clock;

    CertificateBindings(TenantData data, TransactionTemplate tx, CertificateVerifier verifier, ChangeLedger ledger, Outbox outbox,
                        ApplicationEventPublisher events, Attachments attachments, Clock clock) {
        this.clock = clock;
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.verifier = verifier;
        this.ledger = ledger;
        this.outbox = outbox;
        this.events = events;
        this.attachments = attachments;
    }

    public List<Binding> list(PartyAccess me, long partyId) {
        return withStatus(me, "select * from certificate_binding where party_id = ? order by id", partyId);
    }

    /** One entry; only its own certificate is checked, not the party's others. */
    public Binding get(PartyAccess me, long partyId, long id) {
        return withStatus(me, "select * from certificate_binding where party_id = ? and id = ?", partyId, id).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("binding-not-found", "no certificate " + id + " of this party"));
    }

    /** Rows read in one short transaction; the live checks (chain, CRL/OCSP) run after it, holding no connection. */
    private List<Binding> withStatus(PartyAccess me, String sql, Object... params) {
        List<Map.Entry<Binding, byte[]>> rows = tx.execute(s -> jdbc.sql(sql).params(params)
                .query((rs, n) -> Map.entry(row(rs, me), bytes(rs))).list());
        List<Binding> result = new ArrayList<>();
        rows.forEach(r -> result.add(withStatus(r.getKey(), r.getValue())));
        return result;
    }

    /** JS-79, JS-80: the holder of any entry (primary) or of one's own entry; the primary flag only by the primary. */
    public Binding change(PartyAccess me, long partyId, long id, String holderName, Boolean makePrimary) {
        String holder = holderName == null ? null : holderName.strip();
        if (holder != null && (holder.isEmpty() || holder.length() > 100)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("holderName", "1 to 100 characters")));
        }
        tx.executeWithoutResult(s -> {
            Binding b = lockedActive(me, partyId, id);
            boolean primary = primaryNow(me, partyId);
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
                handOverPrimary(partyId, id, me.actor());
            }
        });
        return get(me, partyId, id);
    }

    /**
     * JS-81: only an active entry, by the primary, with reason and evidence; the primary itself is handed
     * over first. The certificate's sessions end at once, and it cannot log in or be activated again until
     * the primary re-admits it ({@link CertificateAdministration#readmit}).
     */
    public Binding voidBinding(PartyAccess me, long partyId, long id, String reason, UUID evidence) {
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
            if (!primaryNow(me, partyId)) {
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
            endSessions(partyId, id); // JS-81: at once, as a disable does; its login is refused until re-admitted
            ledger.append(me.actor(), "certificate-binding", Long.toString(id), "VOID",
                    Map.of("serial", b.serial(), "reason", reason.strip(), "evidence", evidence.toString()));
            published(partyId, b.serial(), b.issuer(), "VOIDED", "BINDING_VOIDED", reason.strip());
        });
        return get(me, partyId, id);
    }

    /**
     * The entry, locked until the caller's transaction ends (a change that depends on its state, such
     * as linking a seal, runs in one); 404 for another party's, 409 for a voided or revoked one.
     * {@code me} null: no session acts (a download), so none is {@code current}.
     */
    public Binding lockedActive(PartyAccess me, long partyId, long id) {
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

    private static Binding row(ResultSet rs, PartyAccess me) throws SQLException {
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

    /**
     * A CA revoked a certificate: tells the trading systems of the party it is bound to (X-03, X-04:
     * revocation is final) and ends its sessions, in the caller's transaction; once per binding,
     * whoever learns it first (the demo CA's own notice, {@link CaRevocationSweep} on any node).
     * Nothing when it is bound to no party here, or the holder revoked it (told already).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void revokedByCa(String serial, javax.security.auth.x500.X500Principal issuer, String reason) {
        record Bound(long id, long partyId, String issuer, String status) {
        }
        // the certificate's latest binding only: an older (voided) one of the same certificate was told of already or never matters
        jdbc.sql("select id, party_id, issuer, status from certificate_binding where serial = ? order by id desc").param(serial)
                .query((rs, n) -> new Bound(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list().stream()
                .filter(b -> new javax.security.auth.x500.X500Principal(b.issuer()).equals(issuer)).findFirst()
                .filter(b -> !"REVOKED".equals(b.status()))
                .filter(b -> jdbc.sql("update certificate_binding set ca_revoked_at = now() where id = ? and ca_revoked_at is null")
                        .param(b.id()).update() == 1)
                .ifPresent(b -> {
                    endSessions(b.partyId(), b.id());
                    published(b.partyId(), serial, b.issuer(), "REVOKED", "CA_REVOKED", reason);
                });
    }

    /**
     * APP-32, SX-15: the holder revoked this certificate (or a change replaced it): final. Its binding
     * is REVOKED, its sessions end now, the ledger records it and trading systems get certificate.revoked
     * ({@code cause} HOLDER_REVOKED or CHANGED). Run before asking the CA, in the same transaction: the
     * CA's own notice ({@link #revokedByCa}) then knows it was told, and a CA's refusal undoes it all.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void revoked(long partyId, long bindingId, String reason, String cause, String actor) {
        record Revoked(String serial, String issuer, boolean toldByCa) {
        }
        Revoked certificate = jdbc.sql("""
                        update certificate_binding set status = 'REVOKED', revoked_at = now(), revocation_reason = ?, is_primary = false
                        where id = ? and party_id = ? and status = 'ACTIVE' returning serial, issuer, ca_revoked_at is not null""")
                .params(reason, bindingId, partyId).query((rs, n) -> new Revoked(rs.getString(1), rs.getString(2), rs.getBoolean(3))).optional()
                .orElseThrow(() -> ApiException.conflict("record-state", "certificate " + bindingId + " is not in use; nothing to revoke"));
        endSessions(partyId, bindingId);
        ledger.append(actor, "certificate-binding", Long.toString(bindingId), "REVOKE",
                Map.of("serial", certificate.serial(), "reason", reason, "cause", cause));
        if (!certificate.toldByCa()) { // its CA revoked it first: trading systems heard certificate.revoked then (once per binding)
            published(partyId, certificate.serial(), certificate.issuer(), "REVOKED", cause, reason);
        }
    }

    /**
     * The sessions opened with this binding's certificate end now (disabled, voided, revoked): its
     * party sessions here, and through {@link CertificateSessionsEnded} whatever else was handed out
     * for it (the OpenID provider's authorizations, whose refresh tokens would mint new access tokens).
     */
    void endSessions(long partyId, long bindingId) {
        String fingerprint = jdbc.sql("select fingerprint from certificate_binding where id = ? and party_id = ?")
                .params(bindingId, partyId).query(String.class).optional().orElse(null);
        if (fingerprint == null) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update party_session set expires_at = ? where party_id = ? and certificate_fingerprint = ? and expires_at > ?")
                .params(now, partyId, fingerprint, now).update();
        events.publishEvent(new CertificateSessionsEnded(partyId, fingerprint));
    }

    /** JS-79: the party's primary role moves to this binding; each side of the hand-over in its certificate's history (APP-33). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void handOverPrimary(long partyId, long toBindingId, String actor) {
        String to = jdbc.sql("select serial from certificate_binding where id = ? and party_id = ?").params(toBindingId, partyId)
                .query(String.class).single();
        jdbc.sql("update certificate_binding set is_primary = false where party_id = ? and is_primary and id <> ? returning id, serial")
                .params(partyId, toBindingId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(former -> ledger.append(actor, "certificate-binding", former.getKey(), "PRIMARY_HANDED_OVER",
                        Map.of("serial", former.getValue(), "to", to)));
        jdbc.sql("update certificate_binding set is_primary = true where id = ?").param(toBindingId).update();
        ledger.append(actor, "certificate-binding", Long.toString(toBindingId), "PRIMARY", Map.of("serial", to, "primary", true));
    }

    /** One shape of certificate.revoked for a CA's revocation and a party's void of its binding. */
    void published(long partyId, String serial, String issuer, String status, String cause, String reason) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("serial", serial);
        data.put("issuer", issuer);
        data.put("status", status);
        data.put("cause", cause);
        data.put("reason", reason);
        outbox.publishForParty(EventTypes.CERTIFICATE_REVOKED, partyId, data);
    }

    /**
     * a disable or re-enable is not final, so it is no certificate.revoked (which the Jiangsu
     * plugin forwards as a void): trading systems learn it as party.changed and read the state through v1.
     */
    void changed(long partyId, String serial, String issuer, String change, CertificateStatus status) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("change", change);
        data.put("serial", serial);
        data.put("issuer", issuer);
        data.put("status", status.name());
        outbox.publishForParty(EventTypes.PARTY_CHANGED, partyId, data);
    }

    /**
     * Whether the certificate still acts for the party: its binding is ACTIVE, neither disabled nor
     * revoked by its CA. Reads the binding FOR SHARE, so a void, disable or revocation in flight is
     * waited for: whoever wrote something for the certificate and then asks here either sees it ended
     * or wrote before {@link #endSessions} ran (which then ends that too).
     */
    @Transactional
    public boolean actsFor(long partyId, String fingerprint) {
        return !jdbc.sql("""
                        select 1 from certificate_binding where party_id = ? and fingerprint = ? and status = 'ACTIVE'
                        and disabled_at is null and ca_revoked_at is null for share""")
                .params(partyId, fingerprint).query((rs, n) -> 1).list().isEmpty();
    }

    @Transactional(readOnly = true)
    public boolean isBound(long partyId, String fingerprint) {
        return role(partyId, fingerprint).isPresent();
    }

    /**
     * Whether the acting certificate is the party's primary (主锁) now: for administrator actions, asked after
     * the entry is locked. The request's {@link PartyAccess} was read before the lock, and a handover of the
     * primary may have committed since.
     */
    public boolean primaryNow(PartyAccess me, long partyId) {
        return me.primaryCertificate() && isPrimary(partyId, me.certificateFingerprint());
    }

    @Transactional(readOnly = true)
    public boolean isPrimary(long partyId, String fingerprint) {
        return role(partyId, fingerprint).map(PartyAccess.ActiveBinding::primary).orElse(false);
    }

    /**
     * The certificate's ACTIVE binding in the party, if any (one at most: uk_binding_active_fingerprint), as much as
     * access needs: the one query behind {@link #isBound}, {@link #isPrimary} and a request's {@link PartyAccess} ({@link ActiveBindings}).
     */
    java.util.Optional<PartyAccess.ActiveBinding> role(long partyId, String fingerprint) {
        return jdbc.sql("select is_primary, disabled_at is not null from certificate_binding where party_id = ? and fingerprint = ? "
                        + "and status = 'ACTIVE'")
                .params(partyId, fingerprint).query((rs, n) -> new PartyAccess.ActiveBinding(rs.getBoolean(1), rs.getBoolean(2))).optional();
    }

    /**
     * A certificate of the party still valid (APP-63, APP-66): its binding ACTIVE, not revoked by its CA, not expired;
     * {@code disabled} when its administrator disabled it (APP-29).
     */
    public record Valid(long id, String serial, String holderName, CertificateType type, boolean primary, boolean disabled, Instant notAfter) {
    }

    /** The party's valid certificates (disabled ones too), oldest first; in the caller's transaction when there is one. */
    @Transactional(readOnly = true)
    public List<Valid> valid(long partyId) {
        return jdbc.sql("""
                        select id, serial, holder_name, certificate_type, is_primary, disabled_at is not null, not_after from certificate_binding
                        where party_id = ? and status = 'ACTIVE' and ca_revoked_at is null and not_after > ? order by id""")
                .params(partyId, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Valid(rs.getLong(1), rs.getString(2), rs.getString(3), CertificateType.valueOf(rs.getString(4)),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * APP-67: the party was dissolved: every binding still ACTIVE (disabled, expired or CA-revoked ones too) is VOIDED with
     * {@code reason} and loses the primary role, its sessions end, the ledger records it and trading systems get
     * certificate.revoked (cause {@code ENTERPRISE_DISSOLVED}). A voided certificate never logs in nor binds again unless a
     * primary of the party re-admits it (JS-81), and a dissolved party has none. Rows stay (foreign keys, the ledger, the
     * certificate's log). In the caller's transaction; returns the serials voided.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<String> voidAllDissolved(long partyId, String reason, String actor) {
        record Voided(long id, String serial, String issuer) {
        }
        List<Voided> voided = jdbc.sql("""
                        update certificate_binding set status = 'VOIDED', is_primary = false, void_reason = ?, voided_at = now()
                        where party_id = ? and status = 'ACTIVE' returning id, serial, issuer""")
                .params(reason, partyId).query((rs, n) -> new Voided(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (Voided v : voided) {
            endSessions(partyId, v.id());
            ledger.append(actor, "certificate-binding", Long.toString(v.id()), "VOID",
                    Map.of("serial", v.serial(), "reason", reason, "cause", "ENTERPRISE_DISSOLVED"));
            published(partyId, v.serial(), v.issuer(), "VOIDED", "ENTERPRISE_DISSOLVED", reason);
        }
        return voided.stream().map(Voided::serial).toList();
    }

    /** A binding not ended (stored ACTIVE: in use or disabled) with its certificate's fingerprint. */
    public record NotEnded(Binding binding, String fingerprint) {
    }

    /** The party's bindings not ended (ACTIVE or DISABLED as stored; no live check), newest first. */
    @Transactional(readOnly = true)
    public List<NotEnded> notEnded(long partyId) {
        return jdbc.sql("select * from certificate_binding where party_id = ? and status = 'ACTIVE' order by id desc").param(partyId)
                .query((rs, n) -> new NotEnded(row(rs, null), rs.getString("fingerprint"))).list();
    }

    /**
     * A binding ended on a decision made outside the party's sessions (a region's unbinding of a lost key, NMG-06, approved by
     * a reviewer): the certificate's ACTIVE binding is VOIDED with {@code reason} and loses the primary role (to the party's
     * newest other certificate in use, if any), every session of the certificate ends at once, the ledger records it with
     * {@code actor}, and trading systems get certificate.revoked (cause {@code BINDING_VOIDED}), as a void by the primary
     * does (JS-81). In the caller's transaction, or its own. False, and nothing changed, when the party has no ACTIVE binding
     * of that certificate: an answer, not a refusal, so that a caller's transaction it joins is not marked for rollback.
     */
    @Transactional
    public boolean voidEnded(long partyId, String fingerprint, String reason, String actor) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "a void needs a reason (at most 1000 characters)",
                    "void-reason")));
        }
        record Voided(long id, String serial, String issuer, boolean primary) {
        }
        Voided v = jdbc.sql("""
                        update certificate_binding b set status = 'VOIDED', is_primary = false, void_reason = ?, voided_at = now()
                        from (select id, is_primary from certificate_binding where party_id = ? and fingerprint = ? and status = 'ACTIVE') old
                        where b.id = old.id and b.status = 'ACTIVE' returning b.id, b.serial, b.issuer, old.is_primary""")
                .params(why, partyId, fingerprint)
                .query((rs, n) -> new Voided(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).optional().orElse(null);
        if (v == null) {
            return false;
        }
        endSessions(partyId, v.id());
        // and a session of the certificate opened before its holder registered (no party attached): the key is lost
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update party_session set expires_at = ? where party_id is null and certificate_fingerprint = ? and expires_at > ?")
                .params(now, fingerprint, now).update();
        ledger.append(actor, "certificate-binding", Long.toString(v.id()), "VOID",
                Map.of("serial", v.serial(), "reason", why, "cause", "BINDING_VOIDED"));
        published(partyId, v.serial(), v.issuer(), "VOIDED", "BINDING_VOIDED", why);
        if (v.primary()) { // one primary per party while it has a certificate in use
            jdbc.sql("""
                            select id from certificate_binding where party_id = ? and status = 'ACTIVE' and disabled_at is null
                            and ca_revoked_at is null and not_after > ? order by id desc limit 1""")
                    .params(partyId, Timestamp.from(clock.instant())).query(Long.class).optional()
                    .ifPresent(next -> handOverPrimary(partyId, next, actor));
        }
        return true;
    }

    /** The party's certificates in use (JS-20 overview); a disabled one is not. */
    @Transactional(readOnly = true)
    public long activeCount(long partyId) {
        return jdbc.sql("select count(*) from certificate_binding where party_id = ? and status = 'ACTIVE' and disabled_at is null")
                .param(partyId).query(Long.class).single();
    }

    /**
     * APP-103: the party's certificates still usable one day, disabled ones too: not revoked (by the holder or by its CA),
     * not voided, not expired. What keeps a person's account from closing.
     */
    @Transactional(readOnly = true)
    public long unrevokedCount(long partyId) {
        return jdbc.sql("select count(*) from certificate_binding where party_id = ? and status = 'ACTIVE' and ca_revoked_at is null "
                        + "and not_after > ?")
                .params(partyId, java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
    }

    /**
     * JS-81: a certificate whose latest binding in the party was voided stays out until the party's
     * administrator (主锁) re-admits it (重新准许, {@link CertificateAdministration#readmit}). Every path
     * that binds a certificate (activation after login, registration, an application's download) comes
     * through {@link #bind}, which asks this first; the latest binding is locked, so a void or a
     * re-admission running meanwhile is waited for. A login is refused likewise (login's {@code SessionOpenings}).
     */
    private void refuseVoided(long partyId, String fingerprint) {
        boolean voided = jdbc.sql("select status = 'VOIDED' and readmitted_at is null from certificate_binding "
                        + "where party_id = ? and fingerprint = ? order by id desc limit 1 for update")
                .params(partyId, fingerprint).query(Boolean.class).optional().orElse(false);
        if (voided) {
            throw voided();
        }
    }

    /** JS-81: what a voided certificate's login and activation are told. */
    public static ApiException voided() {
        return new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "certificate-voided",
                "this certificate was voided by the party's administrator (主锁) and cannot log in or be activated again; "
                        + "ask the administrator to re-admit it (重新准许)");
    }

    /** APP-29: what a disabled certificate's login and sessions are told (as its sessions are, {@link PartyAccess#disabled}). */
    public static ApiException disabled() {
        return PartyAccess.disabled();
    }

    /**
     * The latest binding of the certificate with this serial (hex, as the verifier writes it) and
     * issuer; issuer names are compared as X.500 names, not as text. An active but disabled binding is DISABLED.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<BindingStatus> status(String serial, javax.security.auth.x500.X500Principal issuer) {
        return jdbc.sql("select * from certificate_binding where serial = ? order by id desc").param(serial)
                .query((rs, n) -> BindingStatus.of(rs.getLong("party_id"), row(rs, null)))
                .list().stream().filter(b -> new javax.security.auth.x500.X500Principal(b.issuer()).equals(issuer)).findFirst();
    }

    /** Binds a verified certificate; the party's first binding is its primary (JS-77). */
    @Transactional
    public long bind(long partyId, VerifiedCertificate certificate, byte[] der, Medium medium, String mediumId, String holderName,
                     String actor) {
        return bind(partyId, certificate, der, medium, mediumId, holderName, CertificateType.of(certificate.holderKind()), actor);
    }

    /**
     * As {@link #bind}, with the type an application asked for (SX-19: a legal representative's
     * certificate of an enterprise). The party's first certificate is its primary (JS-78), and so is
     * a renewed certificate on the primary's own medium while the primary is out of use — expired,
     * or revoked by its CA — (JS-79's "correction after renewal"): nobody else could hand the role over.
     */
    @Transactional
    public long bind(long partyId, VerifiedCertificate certificate, byte[] der, Medium medium, String mediumId, String holderName,
                     CertificateType type, String actor) {
        refuseVoided(partyId, certificate.fingerprint());
        boolean first = jdbc.sql("select count(*) from certificate_binding where party_id = ? and status = 'ACTIVE'")
                .param(partyId).query(Long.class).single() == 0;
        // the renewed key on the same medium (介质硬件号) as the out-of-use primary, and only it: any other certificate of the
        // party is no evidence of being its administrator
        boolean takeOver = !first && mediumId != null && jdbc.sql("select count(*) from certificate_binding where party_id = ? "
                + "and status = 'ACTIVE' and is_primary and medium_id = ? and (not_after <= ? or ca_revoked_at is not null)")
                .params(partyId, mediumId, Timestamp.from(clock.instant())).query(Long.class).single() > 0;
        try {
            long id = jdbc.sql("""
                    insert into certificate_binding (party_id, fingerprint, serial, issuer, ca_name, medium, medium_id, holder_name,
                      is_primary, status, not_after, created_at, certificate, not_before, certificate_type)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, now(), ?, ?, ?) returning id""")
                    .params(partyId, certificate.fingerprint(), certificate.serialNumber(), certificate.issuer(), certificate.caName(),
                            medium.name(), mediumId, holderName, first, Timestamp.from(certificate.notAfter()), der,
                            Timestamp.from(certificate.notBefore()), type.name())
                    .query(Long.class).single();
            ledger.append(actor, "certificate-binding", Long.toString(id), "BIND", Map.of("party", partyId,
                    "serial", certificate.serialNumber(), "issuer", certificate.issuer(), "fingerprint", certificate.fingerprint(),
                    "medium", medium.name(), "primary", first));
            if (takeOver) {
                handOverPrimary(partyId, id, actor);
            }
            return id;
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("uk_binding_one_primary")) {
                throw ApiException.conflict("primary-changed", "another certificate took the primary role over just now; log in again");
            }
            throw ApiException.conflict("certificate-bound", "this certificate is already bound");
        }
    }
}
