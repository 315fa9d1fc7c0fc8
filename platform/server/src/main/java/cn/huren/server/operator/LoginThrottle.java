package cn.huren.server.operator;

import cn.huren.server.support.Purges;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Wrong operator passwords (Basic and console alike), kept in {@code platform.operator_login_failure}
 * so that every node counts the same failures and a restart forgets none. Within the window
 * (huren.operator.login-throttle.window, 15 minutes) an address is blocked for a name after
 * {@code per-name} failures of that name from it (5: an attacker elsewhere cannot lock the real
 * operator out), and for every name after {@code per-address} failures of any names from it (20:
 * password spraying). A blocked attempt is answered exactly like a wrong password or an unknown name
 * ({@link OperatorAccounts}) and is not counted again, so a block ends one window after the last
 * counted failure. A success clears its name's failures from its address.
 */
@Component
class LoginThrottle {

    /** Set on the request when its name had failures from its address, so that only then a success deletes them. */
    private static final String HAD_FAILURES = LoginThrottle.class.getName() + ".hadFailures";
    /** Set on the request when it was blocked: its failure is not counted. */
    private static final String BLOCKED = LoginThrottle.class.getName() + ".blocked";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int perName;
    private final int perAddress;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock,
                  @Value("${huren.operator.login-throttle.per-name:5}") int perName,
                  @Value("${huren.operator.login-throttle.per-address:20}") int perAddress,
                  @Value("${huren.operator.login-throttle.window:PT15M}") Duration window) {
        if (perName < 1 || perAddress < perName || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("huren.operator.login-throttle: per-name ≥ 1, per-address ≥ per-name, window positive");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.perName = perName;
        this.perAddress = perAddress;
        this.window = window;
    }

    int perName() {
        return perName;
    }

    int perAddress() {
        return perAddress;
    }

    /** Whether {@code username} may not sign in from the current request's address now. */
    boolean blocked(String username) {
        HttpServletRequest request = request();
        String address = address(request);
        boolean[] hadFailures = {false};
        boolean blocked = jdbc.sql("select count(*) filter (where username = ?), count(*) from platform.operator_login_failure "
                        + "where address = ? and at > ?")
                .params(clip(username), address, Timestamp.from(clock.instant().minus(window)))
                .query((rs, n) -> {
                    hadFailures[0] = rs.getLong(1) > 0;
                    return rs.getLong(1) >= perName || rs.getLong(2) >= perAddress;
                }).single();
        if (request != null) {
            request.setAttribute(HAD_FAILURES, hadFailures[0]);
            request.setAttribute(BLOCKED, blocked);
        }
        return blocked;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        HttpServletRequest request = request();
        if (!operator(event) || request != null && Boolean.TRUE.equals(request.getAttribute(BLOCKED))) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("insert into platform.operator_login_failure (username, address, at) values (?, ?, ?)")
                .params(clip(event.getAuthentication().getName()), address(request), Timestamp.from(now)).update();
        if (Purges.due()) {
            purge();
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        HttpServletRequest request = request();
        if (operator(event) && request != null && Boolean.TRUE.equals(request.getAttribute(HAD_FAILURES))) {
            jdbc.sql("delete from platform.operator_login_failure where username = ? and address = ?")
                    .params(clip(event.getAuthentication().getName()), address(request)).update();
        }
    }

    /** An operator's name and password (Basic or console), not e.g. an OIDC client's authentication. */
    private static boolean operator(AbstractAuthenticationEvent event) {
        return event.getAuthentication() instanceof UsernamePasswordAuthenticationToken;
    }

    /** Deletes (one batch of) failures older than the window: they count no more. */
    int purge() {
        return Purges.expired(jdbc, "platform.operator_login_failure",
                "at < timestamptz '" + clock.instant().minus(window).truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "'");
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
    }

    private static String address(HttpServletRequest request) {
        return request == null ? "-" : clip(request.getRemoteAddr());
    }

    private static String clip(String text) {
        return text == null ? "" : text.substring(0, Math.min(200, text.length()));
    }
}
