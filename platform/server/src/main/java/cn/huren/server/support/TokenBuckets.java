package cn.huren.server.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets by key, in this node's memory (the API clients' rates, the login limits): a bucket
 * holds up to {@code capacity} tokens, refilled at {@code perSecond}, and a request takes one. With
 * N nodes behind a balancer a key may get up to N times its rate; a shared count would cost a round
 * trip per request. A bucket idle for {@code idle} is forgotten (it starts full again), so idle must
 * outlast the slowest full refill.
 */
public final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(Clock clock, int maximumSize, Duration idle) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).build();
    }

    /** Takes a token from {@code key}'s bucket: {@link Duration#ZERO} when there was one, else how long until there will be. */
    public Duration take(String key, double capacity, double perSecond) {
        long now = clock.millis();
        Bucket bucket = buckets.get(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) / 1000.0 * perSecond);
            bucket.at = Math.max(bucket.at, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perSecond * 1000));
        }
    }

    /** Every bucket starts full again. */
    public void clear() {
        buckets.invalidateAll();
    }
}
