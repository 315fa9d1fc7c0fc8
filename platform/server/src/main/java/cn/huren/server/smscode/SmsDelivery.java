package cn.huren.server.smscode;

import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.tenancy.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends code messages off the request thread, after the code's row is committed: the request answers the same, at
 * the same speed, whether a message goes out or the code is withheld, and whatever the provider does (no account
 * enumeration by timing or by error). An unavailable provider or a timeout is tried again after each of
 * {@code huren.sms.retry-delays} while the code is still valid; a refusal is not. A message that cannot be sent is
 * logged (the code stays unusable: nobody knows it) and the person asks again after the minute.
 * Kept in memory on purpose: a code lives 5 minutes and is stored only hashed, so a plaintext copy is never at rest.
 */
@Component
class SmsDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmsDelivery.class);
    /** Messages waiting (a provider slower than the requests): beyond this a message is dropped and logged. */
    static final int MAX_PENDING = 2_000;

    private final SmsSender sender;
    private final Clock clock;
    private final List<Duration> retryDelays;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger threads = new AtomicInteger();

    SmsDelivery(SmsSender sender, Clock clock,
                @Value("${huren.sms.retry-delays:2s,10s,30s}") List<Duration> retryDelays,
                @Value("${huren.sms.delivery-threads:4}") int deliveryThreads) {
        if (deliveryThreads < 1 || retryDelays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("huren.sms.delivery-threads must be at least 1 and huren.sms.retry-delays not negative");
        }
        this.sender = sender;
        this.clock = clock;
        this.retryDelays = List.copyOf(retryDelays);
        this.executor = new ScheduledThreadPoolExecutor(deliveryThreads, r -> {
            Thread t = new Thread(r, "sms-delivery-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Queues {@code message} for the current tenant; it is not sent (nor retried) at or after {@code validUntil}. */
    void send(SmsMessage message, Instant validUntil, String purpose) {
        if (executor.getQueue().size() >= MAX_PENDING) {
            log.warn("SMS for {} purpose {} dropped: {} messages wait for the provider", SmsMessage.mask(message.phoneNumber()), purpose,
                    MAX_PENDING);
            return;
        }
        executor.execute(TenantContext.wrap(() -> attempt(message, validUntil, purpose, 0)));
    }

    private void attempt(SmsMessage message, Instant validUntil, String purpose, int retries) {
        String to = SmsMessage.mask(message.phoneNumber());
        if (!clock.instant().isBefore(validUntil)) {
            log.warn("SMS for {} purpose {} not sent: the code expired before the provider took it", to, purpose);
            return;
        }
        try {
            sender.send(message);
            log.info("SMS for {} purpose {} sent{}", to, purpose, retries == 0 ? "" : " after " + retries + " retries");
        } catch (SmsException e) {
            boolean transientFault = e.reason() == SmsException.Reason.UNAVAILABLE || e.reason() == SmsException.Reason.TIMEOUT;
            if (transientFault && retries < retryDelays.size()) {
                Duration delay = retryDelays.get(retries);
                log.warn("SMS for {} purpose {} not sent ({} {}), trying again in {}", to, purpose, e.reason(), e.code(), delay);
                try {
                    executor.schedule(TenantContext.wrap(() -> attempt(message, validUntil, purpose, retries + 1)),
                            delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    log.warn("SMS for {} purpose {} not sent: the server is stopping", to, purpose);
                }
            } else {
                log.warn("SMS for {} purpose {} not sent: {} {}", to, purpose, e.reason(), e.code());
            }
        } catch (RuntimeException e) {
            log.error("SMS for {} purpose {} not sent: the sender failed", to, purpose, e);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
