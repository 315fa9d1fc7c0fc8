package cn.huren.server.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-client token buckets (the client's rate per second, up to its burst), kept in this node's
 * memory and keyed by tenant and client: with N nodes behind a balancer a client may reach up to N
 * times its rate. Good enough to stop a runaway integration; a shared limit would need a round trip.
 */
@Component
class RateLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /** 0 when the request may pass; otherwise the whole seconds to wait until it would. */
    long acquire(String tenant, ApiClients.ActiveClient client) {
        Bucket bucket = buckets.get(tenant + "/" + client.id(), k -> new Bucket(client.burst(), System.nanoTime()));
        return bucket.take(client.perSecond(), client.burst(), System.nanoTime());
    }

    static final class Bucket {

        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long take(int perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
