package cn.huren.server.operator;

import cn.huren.server.support.ClientAddress;
import cn.huren.server.support.FailureCounts;
import cn.huren.server.support.TextInput;
import cn.huren.server.support.Purges;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Operator password attempts (Basic and console alike), kept in {@code platform.operator_login_failure}
 * so that every node counts the same attempts and a restart forgets none. Within the window
 * (huren.operator.login-throttle.window, 15 minutes) an address is blocked for a name after
 * {@code per-name} failures of that name from it (5: an attacker elsewhere cannot lock the real
 * operator out), and for every name after {@code per-address} failures of any names from it (20:
 * password spraying). An address is keyed by {@link ClientAddress#key} (an IPv6 client by its /64).
 *
 * <p>The rows are counted by {@link FailureCounts} (the accounts' logins count theirs the same way). The check and the count are one step ({@link #attempt}): under a transaction-scoped advisory
 * lock on the address, the attempts are counted and, unless blocked, this one is recorded as a
 * failure before its password is checked; a success deletes its name's failures from its address.
 * So a burst of concurrent guesses gets at most the limit evaluated, the rest are blocked. A blocked
 * attempt is answered exactly like a wrong password or an unknown name ({@link OperatorAccounts}) and
 * is not counted again, so a block ends one window after the last counted failure.
 */
@Component
class LoginThrottle {

    private final TransactionTemplate tx;
    private final FailureCounts failures;
    private final int perName;
    private final int perAddress;
    private final java.util.concurrent.locks.Lock[] stripes = new java.util.concurrent.locks.Lock[64];

    LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                  @Value("${huren.operator.login-throttle.per-name:5}") int perName,
                  @Value("${huren.operator.login-throttle.per-address:20}") int perAddress,
                  @Value("${huren.operator.login-throttle.window:PT15M}") Duration window) {
        if (perName < 1 || perAddress < perName || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("huren.operator.login-throttle: per-name ≥ 1, per-address ≥ per-name, window positive");
        }
        this.tx = new TransactionTemplate(transactions);
        this.failures = new FailureCounts(jdbc, clock, "platform.operator_login_failure", window);
        this.perName = perName;
        this.perAddress = perAddress;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new java.util.concurrent.locks.ReentrantLock(true);
        }
    }

    int perName() {
        return perName;
    }

    int perAddress() {
        return perAddress;
    }

    /**
     * One password attempt of {@code username} from the current request's address: false at once
     * when the address is blocked for the name (nothing recorded, the password not checked);
     * otherwise {@code passwordMatches} runs and a failure is recorded, a success deletes the name's
     * failures from the address. Attempts of one address are serialized through the check (on this
     * node by a lock that holds no connection while it waits, across nodes by an advisory lock), so
     * a burst of concurrent guesses gets at most the limit checked, while concurrent right
     * passwords all pass, one after the other.
     */
    boolean attempt(String username, java.util.function.BooleanSupplier passwordMatches) {
        String address = address(request());
        String name = clip(username);
        java.util.concurrent.locks.Lock local = stripes[Math.floorMod(address.hashCode(), stripes.length)];
        local.lock();
        Boolean matched;
        try {
            matched = tx.execute(status -> {
                failures.lock(address);
                FailureCounts.Counts counts = failures.count(name, address);
                if (counts.nameAtAddress() >= perName || counts.address() >= perAddress) {
                    return false;
                }
                if (passwordMatches.getAsBoolean()) {
                    failures.clear(name, address);
                    return true;
                }
                failures.fail(name, address);
                return false;
            });
        } finally {
            local.unlock();
        }
        if (Purges.due()) {
            purge();
        }
        return Boolean.TRUE.equals(matched);
    }

    /** Deletes (one batch of) failures older than the window: they count no more. */
    int purge() {
        return failures.purge();
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
    }

    private static String address(HttpServletRequest request) {
        String key = ClientAddress.key(request);
        return key == null ? "-" : clip(key);
    }

    /** A name or address as its column can keep it, whatever the client sent (U+0000 too). */
    private static String clip(String text) {
        return text == null ? "" : TextInput.storable(text, 200);
    }
}
