package cn.huren.server.binding;

import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocations by a CA that Huren would otherwise learn only at the holder's next login: every
 * {@code huren.certificates.revocation-sweep} (default 15 minutes; 0 turns it off) each tenant's bound,
 * unexpired certificates go through the revocation check a login makes (the cached CRL, or OCSP); a
 * revoked one ends its sessions and its party's trading systems hear certificate.revoked, once
 * ({@link CertificateBindings#revokedByCa}). A CRL or responder that cannot answer now decides
 * nothing: the next sweep asks again.
 */
@Component
class CaRevocationSweep {

    private static final Logger log = LoggerFactory.getLogger(CaRevocationSweep.class);
    private static final int PAGE = 200;

    private record Bound(long id, String serial, String issuer, byte[] certificate) {
    }

    private final TenantDirectory tenants;
    private final CertificateVerifier verifier;
    private final CertificateBindings bindings;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Duration every;
    private final Clock clock;
    private ScheduledExecutorService timer;

    CaRevocationSweep(TenantDirectory tenants, CertificateVerifier verifier, CertificateBindings bindings, TransactionTemplate tx,
                      TenantData data, @Value("${huren.certificates.revocation-sweep:PT15M}") Duration every,
                      Clock clock) {
        this.clock = clock;
        this.tenants = tenants;
        this.verifier = verifier;
        this.bindings = bindings;
        this.tx = tx;
        this.jdbc = data.jdbc();
        this.every = every;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ca-revocation-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sweepAll() {
        for (String code : tenants.onboardedCodes()) {
            try {
                int revoked = tenants.callAs(code, this::sweep);
                if (revoked > 0) {
                    log.info("tenant {}: {} bound certificate(s) found revoked by their CA", code, revoked);
                }
            } catch (RuntimeException e) { // one tenant's trouble does not stop the others' sweep
                log.warn("tenant {}: the revocation sweep stopped early: {}", code, e.toString());
            }
        }
    }

    /** Sweeps the current tenant; the number of bindings newly found revoked. */
    int sweep() {
        int revoked = 0;
        long after = 0;
        for (List<Bound> page = page(after); !page.isEmpty(); page = page(after)) {
            for (Bound b : page) {
                after = b.id();
                String reason = revocation(b);
                if (reason != null) {
                    tx.executeWithoutResult(s -> bindings.revokedByCa(b.serial(), new X500Principal(b.issuer()), reason));
                    revoked++;
                }
            }
        }
        return revoked;
    }

    /** The CA's word when it revoked the certificate (or a CA above it); null for anything else. */
    private String revocation(Bound b) {
        try {
            verifier.verify(b.certificate(), List.of());
            return null;
        } catch (ApiException e) {
            return "certificate-revoked".equals(e.kind()) ? e.getMessage() : null;
        }
    }

    private List<Bound> page(long after) {
        return tx.execute(s -> jdbc.sql("select id, serial, issuer, certificate from certificate_binding where status = 'ACTIVE' "
                        + "and ca_revoked_at is null and not_after > ? and certificate is not null and id > ? order by id limit " + PAGE)
                .params(java.sql.Timestamp.from(clock.instant()), after).query((rs, n) -> new Bound(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4))).list());
    }
}
