package cn.huren.server.notification;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What a dev sink keeps: the last {@code keep} messages per tenant, in memory, newest first. */
final class DevKept<T> {

    private final int keep;
    private final Map<String, Deque<T>> byTenant = new ConcurrentHashMap<>();

    DevKept(int keep, String property) {
        if (keep < 1) {
            throw new IllegalArgumentException(property + " must be at least 1");
        }
        this.keep = keep;
    }

    void add(String tenant, T sent) {
        Deque<T> kept = byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(sent);
            while (kept.size() > keep) {
                kept.removeLast();
            }
        }
    }

    List<T> recent(String tenant) {
        Deque<T> kept = byTenant.get(tenant);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    List<String> tenants() {
        return byTenant.keySet().stream().sorted().toList();
    }
}
