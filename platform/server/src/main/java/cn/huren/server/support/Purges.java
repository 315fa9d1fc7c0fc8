package cn.huren.server.support;

import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Short-lived rows (login challenges, API nonces, OIDC authorizations) deleted now and then by the
 * writers themselves, so no node needs a scheduler for them: about one write in 1,000 deletes up to
 * 10,000 expired rows, a bounded statement that never holds a write up for long.
 */
public final class Purges {

    private static final int EVERY = 1000;
    private static final int BATCH = 10_000;

    private Purges() {
    }

    /** Whether this write should also purge. */
    public static boolean due() {
        return ThreadLocalRandom.current().nextInt(EVERY) == 0;
    }

    /** Deletes up to one batch of {@code table}'s rows matching {@code expired} (trusted SQL); how many it deleted. */
    public static int expired(JdbcClient jdbc, String table, String expired) {
        return jdbc.sql("delete from " + table + " where ctid in (select ctid from " + table + " where " + expired + " limit " + BATCH + ")")
                .update();
    }
}
