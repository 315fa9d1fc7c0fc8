package cn.huren.server.client;

import cn.huren.server.support.TokenBuckets;
import cn.huren.server.support.TooManyRequests;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-client token buckets (the client's rate per second, up to its burst), kept in this node's
 * memory and keyed by tenant and client: with N nodes behind a balancer a client may reach up to N
 * times its rate. Good enough to stop a runaway integration; a shared limit would need a round trip.
 */
@Component
class RateLimits {

    private final TokenBuckets buckets;

    RateLimits(Clock clock) {
        this.buckets = new TokenBuckets(clock, 100_000, Duration.ofMinutes(10));
    }

    /** Passes, or refuses with 429 and the whole seconds to wait (Retry-After). */
    void acquire(String tenant, ApiClients.ActiveClient client) {
        Duration wait = buckets.take(tenant + "/" + client.id(), client.burst(), client.perSecond());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new TooManyRequests("rate-limited", "this client's rate limit is reached; retry after " + seconds + " s", wait);
        }
    }
}
