package cn.huren.server.support;

import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;

/** 429: a client went over a rate limit; it may try again after {@code retryAfter} (sent as Retry-After, whole seconds). */
public class TooManyRequests extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequests(String kind, String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, kind, detail);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    @Override
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.of(retryAfterSeconds);
    }
}
