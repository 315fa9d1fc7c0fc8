package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.plugin.api.PresentedCertificate;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-05 the plugin's record of 自然人绑定 (nmg_ca_binding): the certificate bound in the CA mutual-recognition
 * system with the mobile and e-mail confirmed at binding. The core's binding ({@link PersonBindings}) is the
 * authority on whether the certificate may still log in; a row here counts only while the core still binds it.
 */
@Component
class CaBindings {

    record Binding(long id, long partyId, String fingerprint, String serial, String issuer, String holderName,
                   String mobile, String email, String status, Instant boundAt, Instant endedAt, String endReason) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaBindings.class);
    static final String ENDED_IN_CORE = "ended in core";
    /** The ledger's record type of a binding here (neimenggu.ca-binding). */
    static final String LEDGER_TYPE = "ca-binding";

    private final JdbcClient jdbc;
    private final PersonBindings core;
    private final Clock clock;
    private final PluginLedger ledger;

    CaBindings(JdbcClient jdbc, PersonBindings core, Clock clock, PluginLedger ledger) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.core = core;
        this.clock = clock;
    }

    /**
     * The party's ACTIVE row, whether or not the core still binds its certificate: only for {@link #current} and
     * {@link #endStale}; everything else asks {@link #current} (one meaning of "bound").
     */
    private Optional<Binding> row(long partyId) {
        return one(jdbc.sql("select * from nmg_ca_binding where party_id = ? and status = 'ACTIVE'").param(partyId));
    }

    Optional<Binding> byId(long id) {
        return one(jdbc.sql("select * from nmg_ca_binding where id = ?").param(id));
    }

    private static Optional<Binding> one(JdbcClient.StatementSpec statement) {
        return statement.query((rs, n) -> new Binding(rs.getLong("id"), rs.getLong("party_id"), rs.getString("fingerprint"),
                        rs.getString("serial"), rs.getString("issuer"), rs.getString("holder_name"), rs.getString("mobile"),
                        rs.getString("email"), rs.getString("status"), instant(rs.getObject("bound_at", OffsetDateTime.class)),
                        instant(rs.getObject("ended_at", OffsetDateTime.class)), rs.getString("end_reason")))
                .optional();
    }

    /** NMG-04: bound here and the certificate still bound (and not ended) in the core. */
    Optional<Binding> current(long partyId) {
        return row(partyId).filter(b -> coreBinds(partyId, b.fingerprint()));
    }

    /** The current binding of the certificate with this fingerprint, if any (NMG-13's member login asks this). */
    Optional<Binding> currentByFingerprint(String fingerprint) {
        return one(jdbc.sql("select * from nmg_ca_binding where fingerprint = ? and status = 'ACTIVE'").param(fingerprint))
                .filter(b -> coreBinds(b.partyId(), b.fingerprint()));
    }

    /** Whether the core's binding of that certificate is active and the certificate not expired. */
    boolean coreBinds(long partyId, String fingerprint) {
        Instant now = clock.instant();
        return core.active(partyId).stream().anyMatch(c -> c.fingerprint().equals(fingerprint) && "ACTIVE".equals(c.status())
                && (c.notAfter() == null || now.isBefore(c.notAfter())));
    }

    /**
     * The party's ACTIVE row whose binding the core ended (voided, revoked, expired) is ended here too (ENDED, reason
     * {@value #ENDED_IN_CORE}, logged); call inside the caller's transaction. The core's ledger already holds the end.
     */
    void endStale(long partyId) {
        row(partyId).filter(b -> !coreBinds(partyId, b.fingerprint())).ifPresent(b -> {
            end(b.id(), ENDED_IN_CORE, "system");
            log.info("nmg_ca_binding {} of party {} ended: its certificate {} is no longer bound in the core", b.id(), partyId, b.serial());
        });
    }

    /** A new binding, on the ledger in the caller's transaction. */
    long insert(long partyId, PresentedCertificate certificate, String mobile, String email) {
        long id = jdbc.sql("""
                        insert into nmg_ca_binding (party_id, fingerprint, serial, issuer, holder_name, mobile, email, status, bound_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?) returning id""")
                .params(partyId, certificate.fingerprint(), certificate.serial(), certificate.issuer(), certificate.holderName(),
                        mobile, email, now())
                .query(Long.class).single();
        ledger.record(LEDGER_TYPE, Long.toString(id), "BOUND", Map.of("party", partyId, "serial", certificate.serial(),
                "issuer", certificate.issuer(), "fingerprint", certificate.fingerprint()), "party:" + partyId);
        return id;
    }

    /** NMG-06 the binding ended (lost key, a reviewer's approval). */
    void end(long id, String reason, String actor) {
        if (jdbc.sql("update nmg_ca_binding set status = 'ENDED', ended_at = ?, end_reason = ? where id = ? and status = 'ACTIVE'")
                .params(now(), reason, id).update() > 0) {
            ledger.record(LEDGER_TYPE, Long.toString(id), "ENDED", Map.of("reason", reason), actor);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
