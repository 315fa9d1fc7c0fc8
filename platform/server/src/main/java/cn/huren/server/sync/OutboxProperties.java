package cn.huren.server.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * huren.outbox.*: how webhooks are delivered. A delivery that fails waits base·2^(attempt-1), capped
 * at {@code backoffMax}, with "equal" jitter (uniformly between half and all of the delay); after
 * {@code maxAttempts} attempts it is a dead letter.
 * The lease must outlast a request: a node that dies holding one leaves the delivery to another
 * node once its lease has passed.
 */
@ConfigurationProperties("huren.outbox")
record OutboxProperties(
        @DefaultValue("true") boolean dispatcherEnabled,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("PT1S") Duration backoffBase,
        @DefaultValue("PT1H") Duration backoffMax,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue("PT2S") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("128") int maxInFlight,
        @DefaultValue("PT5S") Duration shutdownWait,
        @DefaultValue("P7D") Duration retention) {

    OutboxProperties {
        if (maxAttempts < 1 || batchSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("huren.outbox: max-attempts, batch-size and max-in-flight must be at least 1");
        }
        if (lease.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("huren.outbox.lease must be longer than huren.outbox.request-timeout");
        }
    }
}
