package cn.huren.server.notification;

import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
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
 * The e-mail "server" of demo mode and sandboxes without SMTP: sends nothing, keeps the last messages per tenant in
 * memory (console page, tests) and logs each with its text, the recipient masked. Never a production sender
 * ({@link MailConfig} refuses it there).
 */
public class DevMailSink implements EmailSender {

    private static final Logger log = LoggerFactory.getLogger(DevMailSink.class);

    /** A message as the sink kept it: its id, when, the tenant, the sender name it would have had. */
    public record Sent(String messageId, Instant at, String tenant, String senderName, EmailMessage message) {
    }

    private final int keep;
    private final Clock clock;
    private final Supplier<String> tenants;
    private final Supplier<String> senderName;
    private final Map<String, Deque<Sent>> byTenant = new ConcurrentHashMap<>();

    DevMailSink(int keep, Clock clock, Supplier<String> tenants, Supplier<String> senderName) {
        if (keep < 1) {
            throw new IllegalArgumentException("huren.mail.dev.keep must be at least 1");
        }
        this.keep = keep;
        this.clock = clock;
        this.tenants = tenants;
        this.senderName = senderName;
    }

    @Override
    public String send(EmailMessage message) {
        String tenant = tenants.get();
        Sent sent = new Sent("<dev-" + UUID.randomUUID() + "@huren>", clock.instant(), tenant, senderName.get(), message);
        Deque<Sent> kept = byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(sent);
            while (kept.size() > keep) {
                kept.removeLast();
            }
        }
        // the text is logged so that a demo can follow a link or a code in it; the address stays masked
        log.info("DEV E-MAIL (not sent) tenant {} to {} from {} subject {} id {}\n{}", tenant, message.maskedTo(),
                sent.senderName(), message.subject(), sent.messageId(), message.text());
        return sent.messageId();
    }

    /** The tenant's kept messages, newest first (for the console page and tests). */
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
