package cn.huren.server.sync;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Wakes this node's dispatcher: a committed publication names its tenant, a finished delivery just
 * pokes. Other nodes find the work on their next poll.
 */
@Component
class OutboxSignals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> tenants = new LinkedHashSet<>();
    private boolean poked;

    void wake(String tenant) {
        lock.lock();
        try {
            tenants.add(tenant);
            poked = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void poke() {
        lock.lock();
        try {
            poked = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The tenants woken since the last call. */
    Set<String> drain() {
        lock.lock();
        try {
            Set<String> woken = new LinkedHashSet<>(tenants);
            tenants.clear();
            return woken;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken or poked, at most {@code millis}. */
    void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!poked && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            poked = false;
        } finally {
            lock.unlock();
        }
    }
}
