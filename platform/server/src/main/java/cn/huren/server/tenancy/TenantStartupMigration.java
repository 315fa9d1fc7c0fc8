package cn.huren.server.tenancy;

import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, before the web server accepts requests: removes onboardings that died half-way and
 * migrates every tenant schema whose changelog fingerprint is out of date. A tenant that cannot be
 * migrated is not served (503) while the others are.
 */
@Component
class TenantStartupMigration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TenantStartupMigration.class);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private final TenantRepository tenants;
    private final TenantSchemas schemas;
    private final TenantPluginSupport plugins;
    private final TransactionTemplate tx;
    private final Clock clock;

    TenantStartupMigration(TenantRepository tenants, TenantSchemas schemas, TenantPluginSupport plugins,
                           TransactionTemplate tx, Clock clock) {
        this.clock = clock;
        this.tenants = tenants;
        this.schemas = schemas;
        this.plugins = plugins;
        this.tx = tx;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long start = System.nanoTime();
        for (Tenant abandoned : tenants.findByStatusAndCreatedAtBefore(TenantStatus.PROVISIONING,
                clock.instant().minus(ABANDONED_AFTER))) {
            log.warn("removing tenant {} whose onboarding never finished", abandoned.code());
            schemas.drop(abandoned.code());
            tx.executeWithoutResult(s -> tenants.deleteById(abandoned.id()));
        }
        List<Tenant> stale = new ArrayList<>();
        for (Tenant t : tenants.findByStatusNot(TenantStatus.PROVISIONING)) {
            if (!plugins.started(t.pluginId()).orElse(false)) {
                log.warn("tenant {} is not served: plugin {} is not running", t.code(), t.pluginId());
            } else if (!schemas.fingerprint(t.pluginId()).equals(t.schemaFingerprint())) {
                stale.add(t);
            }
        }
        migrate(stale);
        log.info("tenant schemas checked in {} ms ({} migrated)", (System.nanoTime() - start) / 1_000_000, stale.size());
    }

    private void migrate(List<Tenant> stale) {
        if (stale.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Tenant t : stale) {
                done.add(pool.submit(() -> migrate(t)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("tenant migration was interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    private void migrate(Tenant t) {
        try {
            String fingerprint = schemas.migrate(t.code(), t.pluginId());
            tx.executeWithoutResult(s -> tenants.findById(t.id()).ifPresent(fresh -> fresh.schemaFingerprint(fingerprint)));
        } catch (RuntimeException e) {
            log.error("tenant {} cannot be migrated and will not be served", t.code(), e);
            schemas.markUnavailable(t.code(), e.getMessage());
        }
    }
}
