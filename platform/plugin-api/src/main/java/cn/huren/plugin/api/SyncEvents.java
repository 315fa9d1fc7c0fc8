package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Host service: publishes a plugin's events through the tenant's outbox, the same mechanism as the
 * core's (signed webhooks, idempotency key, retries with backoff, dead letters, ordering per key), to
 * the subscribed API clients or, for an addressed event, to its recipients.
 * Runs for the current tenant and joins the caller's transaction when there is one, otherwise
 * commits on its own.
 */
public interface SyncEvents {

    /**
     * @return the event id, which is also its idempotency key
     * @throws IllegalArgumentException for a name that is not lower-case {@code [a-z][a-z0-9-]*}
     *     segments joined by dots, an ordering key that is blank or longer than 100 characters, or a
     *     blank recipient
     */
    UUID publish(SyncEvent event);

    /**
     * Where one of the plugin's events stands with one recipient.
     *
     * @param status        {@code PENDING} (on its way, retried with backoff), {@code DELIVERED} (answered 2xx) or
     *                      {@code DEAD} (given up after the last attempt: {@link #redeliver} queues it again)
     * @param lastStatus    the recipient's last HTTP status, null before an answer
     * @param lastError     what the last failed attempt met (shortened), null after a success
     * @param nextAttemptAt when a pending delivery is tried next
     */
    record Delivery(String clientId, String status, int attempts, Instant deliveredAt, Integer lastStatus, String lastError,
                    Instant nextAttemptAt) {
    }

    /** The event's deliveries, one per recipient; empty for an unknown id or another plugin's event. Current tenant. */
    List<Delivery> deliveries(UUID eventId);

    /**
     * Queues the event's dead deliveries again, with a fresh attempt count and the same id (the recipients' idempotency
     * key): they go out before the later events of their ordering key that waited behind them. How many were queued.
     */
    int redeliver(UUID eventId);
}
