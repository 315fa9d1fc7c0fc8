package cn.huren.server.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failed password attempts counted as rows of a table {@code (username, address, at)} within a window, so that
 * every node counts the same attempts and a restart forgets none. One mechanism for operators
 * ({@code platform.operator_login_failure}) and accounts (the tenant's {@code account_login_failure}); what a count
 * means (blocked, captcha required) is the caller's. Every method but {@link #purge} runs inside the caller's
 * transaction, after {@link #lock}, so that counting, checking and recording are one step.
 */
public final class FailureCounts {

    /** Failures within the window: of the name from the address, of the name from anywhere, of any name from the address. */
    public record Counts(long nameAtAddress, long name, long address) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String table;
    private final Duration window;

    /** {@code table} is a constant of the caller (schema-qualified or the tenant's), never input. */
    public FailureCounts(JdbcClient jdbc, Clock clock, String table, Duration window) {
        if (!table.matches("[a-z_]+(\\.[a-z_]+)?") || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a table name and a positive window");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.table = table;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** Serializes the attempts of {@code key} (an address, a name) across nodes until the transaction ends, per schema. */
    public void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':' || ? || ':' || ?))")
                .params(table, key).query((rs, n) -> 1).list();
    }

    public Counts count(String name, String address) {
        return jdbc.sql("select count(*) filter (where username = ? and address = ?), count(*) filter (where username = ?), "
                        + "count(*) filter (where address = ?) from " + table + " where (username = ? or address = ?) and at > ?")
                .params(name, address, name, address, name, address, Timestamp.from(clock.instant().minus(window)))
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    public void fail(String name, String address) {
        jdbc.sql("insert into " + table + " (username, address, at) values (?, ?, ?)")
                .params(name, address, Timestamp.from(clock.instant())).update();
    }

    /** A success forgets the name's failures from the address. */
    public void clear(String name, String address) {
        jdbc.sql("delete from " + table + " where username = ? and address = ?").params(name, address).update();
    }

    /** A success that proves the name's owner (e.g. a password reset by SMS code) forgets the name's failures from everywhere. */
    public void clearName(String name) {
        jdbc.sql("delete from " + table + " where username = ?").param(name).update();
    }

    /** Deletes (one batch of) failures older than the window: they count no more. */
    public int purge() {
        Instant before = clock.instant().minus(window).truncatedTo(ChronoUnit.MILLIS);
        return Purges.expired(jdbc, table, "at < timestamptz '" + before + "'");
    }
}
