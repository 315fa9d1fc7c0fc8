package cn.huren.server.login;

import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.support.ApiException;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.Outbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates bound to a party (X-05, JS-73–JS-81). This first part binds and answers whether a
 * certificate is bound; change, void and the primary-only rules follow with the permission pages.
 * Serial, issuer and validity come from the verified certificate and are never typed in (JS-74).
 */
@Component
public class CertificateBindings {

    public enum Medium { TOKEN, MOBILE }

    /** A binding as trading systems see it: whose certificate it is and its state. */
    public record BindingStatus(long partyId, String serial, String issuer, String caName, Medium medium, boolean primary,
                                String status, java.time.Instant notAfter, java.time.Instant boundAt) {
    }

    private final JdbcClient jdbc;
    private final ChangeLedger ledger;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CertificateBindings(DataSource dataSource, ChangeLedger ledger, Outbox outbox, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
        this.ledger = ledger;
        this.outbox = outbox;
        this.events = events;
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
        return jdbc.sql("select count(*) from certificate_binding where party_id = ? and fingerprint = ? and status = 'ACTIVE'")
                .params(partyId, fingerprint).query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public boolean isPrimary(long partyId, String fingerprint) {
        return jdbc.sql("select count(*) from certificate_binding where party_id = ? and fingerprint = ? and status = 'ACTIVE' and is_primary")
                .params(partyId, fingerprint).query(Long.class).single() > 0;
    }

    /** The party's certificates in use (JS-20 overview); a disabled one is not. */
    @Transactional(readOnly = true)
    public long activeCount(long partyId) {
        return jdbc.sql("select count(*) from certificate_binding where party_id = ? and status = 'ACTIVE' and disabled_at is null")
                .param(partyId).query(Long.class).single();
    }

    /** The party a session may read, and whether it may also change it (its certificate is the primary). */
    public record Access(long partyId, boolean primary) {
    }

    /**
     * X-05, JS-77: a session may read its party's data only with a bound certificate, and change it
     * only with the party's primary certificate; a disabled certificate may do neither (APP-29; its
     * sessions end when it is disabled, this covers one opened in the same instant). One query answers all.
     */
    @Transactional(readOnly = true)
    public Access access(PartySessions.PartyPrincipal principal) {
        if (principal.partyId() == null) {
            throw ApiException.conflict("registration-required", "this certificate's holder is not registered yet: POST …/me/register");
        }
        if (principal.identitySession()) {
            // JS-10: a person an identity provider verified is the party itself; certificate changes still need a certificate
            return new Access(principal.partyId(), true);
        }
        String role = jdbc.sql("select case when disabled_at is not null then 'DISABLED' when is_primary then 'PRIMARY' else 'BOUND' end "
                        + "from certificate_binding where party_id = ? and fingerprint = ? and status = 'ACTIVE'")
                .params(principal.partyId(), principal.certificateFingerprint()).query(String.class).optional()
                .orElseThrow(() -> ApiException.conflict("activation-required", "this certificate is not activated for the party yet (证书激活)"));
        if (role.equals("DISABLED")) {
            throw disabled();
        }
        return new Access(principal.partyId(), role.equals("PRIMARY"));
    }

    /**
     * JS-81: a certificate whose latest binding in the party was voided stays out until the party's
     * administrator (主锁) re-admits it (重新准许, {@link CertificateAdministration#readmit}). Every path
     * that binds a certificate (activation after login, registration, an application's download) comes
     * through {@link #bind}, which asks this first; the latest binding is locked, so a void or a
     * re-admission running meanwhile is waited for. A login is refused likewise ({@link SessionOpenings}).
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
    static ApiException voided() {
        return new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "certificate-voided",
                "this certificate was voided by the party's administrator (主锁) and cannot log in or be activated again; "
                        + "ask the administrator to re-admit it (重新准许)");
    }

    /** APP-29: what a disabled certificate's login and sessions are told. */
    static ApiException disabled() {
        return new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "certificate-disabled",
                "this certificate was disabled by the party's administrator (主锁); ask the administrator to enable it again");
    }

    @Transactional(readOnly = true)
    public long requireAccess(PartySessions.PartyPrincipal principal, boolean write) {
        Access access = access(principal);
        if (write && !access.primary()) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, "primary-certificate-required",
                    "only the party's primary certificate (主锁) may change its data; this one may read it");
        }
        return access.partyId();
    }

    /**
     * The latest binding of the certificate with this serial (hex, as the verifier writes it) and
     * issuer; issuer names are compared as X.500 names, not as text. An active but disabled binding is DISABLED.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<BindingStatus> status(String serial, javax.security.auth.x500.X500Principal issuer) {
        return jdbc.sql("select * from certificate_binding where serial = ? order by id desc").param(serial)
                .query((rs, n) -> new BindingStatus(rs.getLong("party_id"), rs.getString("serial"), rs.getString("issuer"),
                        rs.getString("ca_name"), Medium.valueOf(rs.getString("medium")), rs.getBoolean("is_primary"),
                        rs.getObject("disabled_at") != null && "ACTIVE".equals(rs.getString("status")) ? "DISABLED" : rs.getString("status"),
                        rs.getTimestamp("not_after").toInstant(), rs.getTimestamp("created_at").toInstant()))
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
