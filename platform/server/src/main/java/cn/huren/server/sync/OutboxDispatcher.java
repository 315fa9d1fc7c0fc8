package cn.huren.server.sync;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One loop per node: claims due deliveries tenant by tenant (leases, so any number of nodes can
 * run), sends them asynchronously up to {@code maxInFlight}, and records results in batches.
 * Woken at once by a commit on this node; other nodes' work is found by polling every tenant.
 */
@Component
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final TenantDirectory tenants;
    private final WebhookTargets targets;
    private final WebhookSender sender;
    private final OutboxStore store;
    private final OutboxSignals signals;
    private final OutboxProperties properties;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<OutboxStore.Result> results = new ConcurrentLinkedQueue<>();
    private volatile Thread loop;
    private volatile boolean running;

    OutboxDispatcher(TenantDirectory tenants, WebhookTargets targets, WebhookSender sender, OutboxStore store, OutboxSignals signals,
                     OutboxProperties properties) {
        this.tenants = tenants;
        this.targets = targets;
        this.sender = sender;
        this.store = store;
        this.signals = signals;
        this.properties = properties;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    @Override
    public boolean isAutoStartup() {
        return properties.dispatcherEnabled();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::run, "outbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops claiming; waits a little for deliveries in flight. What is left is re-sent once its lease has passed. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signals.poke();
        try {
            loop.join(properties.shutdownWait().toMillis() + 5_000);
            if (inFlight.tryAcquire(properties.maxInFlight(), properties.shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(properties.maxInFlight());
            }
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("outbox: results not recorded at shutdown; their deliveries are sent again after the lease", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Set<String> more = new LinkedHashSet<>();
        long lastScan = 0;
        long lastPurge = System.currentTimeMillis();
        while (running) {
            try {
                // a recorded result may unblock the next event of its party: look at its tenant again at once
                Set<String> recorded = flush();
                Set<String> due = new LinkedHashSet<>(more);
                due.addAll(recorded);
                more.clear();
                due.addAll(signals.drain());
                if (System.currentTimeMillis() - lastScan >= properties.pollInterval().toMillis()) {
                    due.addAll(tenants.onboardedCodes());
                    lastScan = System.currentTimeMillis();
                }
                int claimed = 0;
                for (String code : due) {
                    int room = Math.min(properties.batchSize(), inFlight.availablePermits());
                    if (room == 0 || !running) {
                        more.add(code);
                        continue;
                    }
                    int got = claimAndSend(code, room);
                    claimed += got;
                    if (got == room) {
                        more.add(code);
                    }
                }
                if (System.currentTimeMillis() - lastPurge >= Duration.ofHours(1).toMillis()) {
                    purge();
                    lastPurge = System.currentTimeMillis();
                }
                if (recorded.isEmpty() && claimed == 0 && running) {
                    signals.await(more.isEmpty() ? properties.pollInterval().toMillis() : 50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox: dispatch round failed, retrying", e);
                sleepQuietly();
            }
        }
    }

    private int claimAndSend(String code, int room) {
        Optional<TenantDescriptor> tenant = tenants.byCode(code);
        if (tenant.isEmpty()) {
            return 0;
        }
        return TenantContext.callAs(tenant.get(), () -> {
            List<OutboxStore.Claimed> claimed = store.claim(room, properties.lease());
            for (OutboxStore.Claimed delivery : claimed) {
                inFlight.acquireUninterruptibly();
                Optional<WebhookTargets.Target> target = targets.target(delivery.clientId());
                if (target.isEmpty() || !target.get().enabled()) {
                    done(target.isEmpty() ? WebhookSender.failed(code, delivery, null, "the client or its webhook is gone")
                            : new OutboxStore.Result(code, delivery.deliveryId(), delivery.attempt(), false, true, null, null));
                    continue;
                }
                sender.send(code, delivery, target.get()).whenComplete((result, error) -> done(result != null ? result
                        : WebhookSender.failed(code, delivery, null, String.valueOf(error))));
            }
            return claimed.size();
        });
    }

    private void done(OutboxStore.Result result) {
        results.add(result);
        inFlight.release();
        signals.poke();
    }

    /** Records the finished attempts, one transaction per tenant; answers those tenants. */
    private Set<String> flush() {
        Map<String, List<OutboxStore.Result>> byTenant = new LinkedHashMap<>();
        for (OutboxStore.Result r; (r = results.poll()) != null; ) {
            byTenant.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r);
        }
        byTenant.forEach((code, list) -> tenants.byCode(code).ifPresent(t -> TenantContext.runAs(t,
                () -> store.record(list, properties.maxAttempts(), this::retryDelay))));
        return byTenant.keySet();
    }

    /** Exponential with jitter: uniformly between half and all of base·2^(attempt-1), capped; retries of many deliveries spread out. */
    Duration retryDelay(int attempt) {
        long cap = properties.backoffMax().toMillis();
        long exp = properties.backoffBase().toMillis() << Math.min(attempt - 1, 30);
        long ceiling = Math.max(1, Math.min(cap, exp < 0 ? cap : exp));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private void purge() {
        for (String code : tenants.onboardedCodes()) {
            tenants.byCode(code).ifPresent(t -> TenantContext.runAs(t, () -> store.purge(properties.retention())));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
