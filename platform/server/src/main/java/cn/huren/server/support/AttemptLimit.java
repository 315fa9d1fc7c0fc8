package cn.huren.server.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A limit of attempts per account and rolling 24 hours, counted from a log table of the attempts (columns
 * {@code account_id}, {@code at}) under a transaction-scoped advisory lock per table and account, so it holds across
 * nodes and concurrent requests. Every logged attempt counts, whatever its outcome; what a row holds is the caller's.
 */
public final class AttemptLimit {

    public static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String table;
    private final int perDay;
    private final String code;
    private final String attempts;

    /**
     * {@code table} is the log (a constant, never input); {@code code} the 429's problem code; {@code attempts} names
     * them in its message ("at most 5 real-name attempts per account in 24 hours").
     */
    public AttemptLimit(JdbcClient jdbc, TransactionTemplate tx, Clock clock, String table, int perDay, String code, String attempts) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a table name: " + table);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.table = table;
        this.perDay = perDay;
        this.code = code;
        this.attempts = attempts;
    }

    public int perDay() {
        return perDay;
    }

    /**
     * In one transaction: locks the account's attempts, refuses with 429 ({@link TooManyRequests}, nothing logged) at
     * the limit, else logs the attempt by {@code log} (given now) and returns what it returns (the row's id).
     */
    public <T> T reserve(long accountId, Function<Instant, T> log) {
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':" + table + ":' || ?))").param(accountId)
                    .query((rs, n) -> 1).list();
            Instant now = clock.instant();
            List<Instant> recent = recent(accountId, now);
            if (recent.size() >= perDay) {
                Duration wait = Duration.between(now, recent.get(0).plus(WINDOW));
                throw new TooManyRequests(code, "at most " + perDay + " " + attempts + " per account in 24 hours; try again later", wait);
            }
            return log.apply(now);
        });
    }

    public int attemptsLeft(long accountId) {
        return Math.max(0, perDay - tx.execute(s -> recent(accountId, clock.instant())).size());
    }

    /** Attempts of the last 24 hours, oldest first. */
    private List<Instant> recent(long accountId, Instant now) {
        return jdbc.sql("select at from " + table + " where account_id = ? and at > ? order by at")
                .params(accountId, Timestamp.from(now.minus(WINDOW)))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }
}
