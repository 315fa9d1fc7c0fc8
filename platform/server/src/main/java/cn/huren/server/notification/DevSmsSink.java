package cn.huren.server.notification;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS provider of demo mode and sandboxes: sends nothing, keeps the last messages per tenant in memory and logs
 * them in full, codes included, so a demo can be walked through without a phone. Never a production provider
 * ({@link SmsConfig} refuses it there).
 */
public class DevSmsSink implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(DevSmsSink.class);

    /** A message as the sink kept it, with its id and when it was "sent". */
    public record Sent(String messageId, Instant at, String tenant, SmsMessage message) {
    }

    private final int keep;
    private final Clock clock;
    private final Supplier<String> tenants;
    private final Map<String, Deque<Sent>> byTenant = new ConcurrentHashMap<>();

    DevSmsSink(int keep, Clock clock, Supplier<String> tenants) {
        if (keep < 1) {
            throw new IllegalArgumentException("huren.sms.dev.keep must be at least 1");
        }
        this.keep = keep;
        this.clock = clock;
        this.tenants = tenants;
    }

    @Override
    public String send(SmsMessage message) {
        String tenant = tenants.get();
        Sent sent = new Sent("dev-" + UUID.randomUUID(), clock.instant(), tenant, message);
        Deque<Sent> kept = byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(sent);
            while (kept.size() > keep) {
                kept.removeLast();
            }
        }
        // the one place a code is logged in clear: the dev sink exists so that a demo can read it
        log.info("DEV SMS (not sent) tenant {} to {} template {} parameters {} id {}", tenant, message.phoneNumber(),
                message.templateCode(), message.parameters(), sent.messageId());
        return sent.messageId();
    }

    /** The tenant's kept messages, newest first (for a console page and tests). */
    public List<Sent> recent(String tenant) {
        Deque<Sent> kept = byTenant.get(tenant);
        if (kept == null) {
            return List.of();
        }
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    /** Tenants with kept messages. */
    public List<String> tenants() {
        return byTenant.keySet().stream().sorted().toList();
    }
}
