package cn.huren.plugins.jiangsu;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Logins in flight, in the tenant's schema so that any node takes the callback: the state (hashed),
 * the browser it was handed to (hashed cookie value), the PKCE verifier and the redirect URI. A state
 * is taken once, whatever the outcome, and holds for ten minutes.
 */
@Component
class SuFuBanStates {

    static final Duration TTL = Duration.ofMinutes(10);

    /** What the callback checks and continues with. */
    record Pending(String codeVerifier, String redirectUri, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SuFuBanStates(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    void remember(String state, String browser, String codeVerifier, String redirectUri) {
        jdbc.sql("delete from js_sufuban_login where expires_at < ?").param(Timestamp.from(clock.instant().minus(Duration.ofHours(1)))).update();
        jdbc.sql("""
                insert into js_sufuban_login (state_hash, browser_hash, code_verifier, redirect_uri, expires_at, created_at)
                values (?, ?, ?, ?, ?, now())""")
                .params(Secrets.sha256Hex(state), Secrets.sha256Hex(browser), codeVerifier, redirectUri, Timestamp.from(clock.instant().plus(TTL)))
                .update();
    }

    /**
     * Takes the state, only for the browser it was handed to: a second callback with it (a replay)
     * finds nothing, and a callback from another browser (no or another cookie) neither finds nor
     * burns it.
     */
    Optional<Pending> take(String state, String browser) {
        if (state == null || state.length() > 100 || browser == null || browser.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("delete from js_sufuban_login where state_hash = ? and browser_hash = ? "
                        + "returning code_verifier, redirect_uri, expires_at")
                .params(Secrets.sha256Hex(state), Secrets.sha256Hex(browser))
                .query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }
}
