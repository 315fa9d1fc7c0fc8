package cn.huren.server.operator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Blocks an operator name from an address after 5 wrong passwords within 15 minutes, for 15
 * minutes (Basic and console alike). Keyed by name and address so that an attacker elsewhere
 * cannot lock the real operator out. Per node: a cluster multiplies the allowance by its size.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(100_000).build();

    boolean blocked(String username) {
        AtomicInteger count = failures.getIfPresent(key(username));
        return count != null && count.get() >= MAX_FAILURES;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        failures.get(key(event.getAuthentication().getName()), k -> new AtomicInteger()).incrementAndGet();
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.invalidate(key(event.getAuthentication().getName()));
    }

    private static String key(String username) {
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
                ? attrs.getRequest().getRemoteAddr() : "-";
        return username + "@" + address;
    }
}
