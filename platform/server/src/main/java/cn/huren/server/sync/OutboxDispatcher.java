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
    /** Tenants whose last claim or record failed, until when they are left alone (15 poll intervals: 30 s by default). */
    private final Map<String, Long> restUntil = new java.util.concurrent.ConcurrentHashMap<>();
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
                    if (resting(code)) {
                        continue;
                    }
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
                    lastPurge = System.currentTimeMillis();
                    purge();
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

    /**
     * Claims and sends one tenant's due deliveries. A tenant whose claim fails (its schema
     * unreachable, a migration that failed) rests a while and holds up no other tenant.
     */
    private int claimAndSend(String code, int room) {
        Optional<TenantDescriptor> tenant = tenants.byCode(code);
        if (tenant.isEmpty()) {
            return 0;
        }
        try {
            return TenantContext.callAs(tenant.get(), () -> {
                List<OutboxStore.Claimed> claimed = store.claim(room, properties.lease());
                claimed.forEach(delivery -> send(code, delivery));
                return claimed.size();
            });
        } catch (RuntimeException e) {
            rest(code, "claim", e);
            return 0;
        }
    }

    /** A slot is taken only for a request actually sent, and always given back (by {@link #done}). */
    private void send(String code, OutboxStore.Claimed delivery) {
        Optional<WebhookTargets.Target> target;
        try {
            target = targets.target(delivery.clientId());
        } catch (RuntimeException e) {
            results.add(WebhookSender.failed(code, delivery, null, "the client's webhook could not be read: " + e.getMessage()));
            return;
        }
        if (target.isEmpty() || !target.get().enabled()) {
            results.add(target.isEmpty() ? WebhookSender.failed(code, delivery, null, "the client or its webhook is gone")
                    : new OutboxStore.Result(code, delivery.deliveryId(), delivery.attempt(), false, true, null, null));
            return;
        }
        inFlight.acquireUninterruptibly();
        try {
            sender.send(code, delivery, target.get()).whenComplete((result, error) -> done(result != null ? result
                    : WebhookSender.failed(code, delivery, null, String.valueOf(error))));
        } catch (RuntimeException e) {
            done(WebhookSender.failed(code, delivery, null, "not sent: " + e));
        }
    }

    private void done(OutboxStore.Result result) {
        results.add(result);
        inFlight.release();
        signals.poke();
    }

    /**
     * Records the finished attempts, one transaction per tenant; answers those tenants. Results a
     * tenant cannot take now are kept for a later round (else their deliveries would be sent again).
     */
    private Set<String> flush() {
        Map<String, List<OutboxStore.Result>> byTenant = new LinkedHashMap<>();
        for (OutboxStore.Result r; (r = results.poll()) != null; ) {
            byTenant.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).add(r);
        }
        Set<String> recorded = new LinkedHashSet<>();
        byTenant.forEach((code, list) -> tenants.byCode(code).ifPresent(t -> {
            try {
                TenantContext.runAs(t, () -> store.record(list, properties.maxAttempts(), this::retryDelay));
                recorded.add(code);
            } catch (RuntimeException e) {
                results.addAll(list);
                rest(code, "record", e);
            }
        }));
        return recorded;
    }

    private boolean resting(String code) {
        Long until = restUntil.get(code);
        if (until == null) {
            return false;
        }
        if (System.currentTimeMillis() < until) {
            return true;
        }
        restUntil.remove(code);
        return false;
    }

    private void rest(String code, String step, RuntimeException e) {
        Duration rest = properties.pollInterval().multipliedBy(15);
        if (restUntil.put(code, System.currentTimeMillis() + rest.toMillis()) == null) {
            log.warn("outbox: {} failed for tenant {}; it rests {} ms, other tenants go on", step, code, rest.toMillis(), e);
        }
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
            try {
                tenants.byCode(code).ifPresent(t -> TenantContext.runAs(t, () -> store.purge(properties.retention())));
            } catch (RuntimeException e) {
                log.warn("outbox: purge failed for tenant {}; next hour again", code, e);
            }
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
