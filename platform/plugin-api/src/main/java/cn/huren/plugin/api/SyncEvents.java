package cn.huren.plugin.api;

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
}
