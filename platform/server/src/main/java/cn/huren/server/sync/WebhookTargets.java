package cn.huren.server.sync;

import java.util.List;
import java.util.Optional;

/**
 * Who receives events, answered for the current tenant by the API clients feature: the outbox
 * needs subscriptions, webhook URLs and signing keys but owns none of them.
 */
public interface WebhookTargets {

    /** Where a client's events go and the HMAC key they are signed with; a disabled client's deliveries wait. */
    record Target(String url, byte[] key, boolean enabled) {
    }

    /** The clients (enabled or not: a disabled one's deliveries wait) with a webhook whose subscription matches the type. */
    List<String> subscribers(String eventType);

    /** Those of the clients that exist and have a webhook (enabled or not: a disabled one's delivery waits), in the given order, each once. */
    List<String> reachable(java.util.Collection<String> clientIds);

    /** The client's webhook now; absent when the client or its webhook is gone. */
    Optional<Target> target(String clientId);
}
