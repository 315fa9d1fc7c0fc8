package cn.huren.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;

/**
 * What one small commit costs on the server's database and disk: the same one-row insert, committed
 * alone, with {@code synchronous_commit} on (the commit waits until its WAL is flushed to disk) and
 * off (it does not). The difference is the price of durability per commit.
 */
final class CommitCost {

    private CommitCost() {
    }

    /** Mean milliseconds per commit: {synchronous, asynchronous}. */
    static double[] measure(ServerProcess server, int commits) throws Exception {
        try (Connection db = server.database(); Statement s = db.createStatement()) {
            s.execute("create temporary table commit_cost (id bigint, at timestamptz default now())");
            double sync = timed(db, s, "on", commits);
            double async = timed(db, s, "off", commits);
            return new double[] {sync, async};
        }
    }

    static void print(ServerProcess server) throws Exception {
        double[] ms = measure(server, 2_000);
        System.out.printf(Locale.ROOT, "one-row commit on this database: %.3f ms with synchronous_commit on, %.3f ms off (%,.0f vs %,.0f commits/s on one connection)%n",
                ms[0], ms[1], 1000 / ms[0], 1000 / ms[1]);
    }

    private static double timed(Connection db, Statement s, String synchronousCommit, int commits) throws Exception {
        s.execute("set synchronous_commit = " + synchronousCommit);
        try (PreparedStatement insert = db.prepareStatement("insert into commit_cost (id) values (?)")) {
            for (int i = 0; i < 100; i++) { // warm the statement and the WAL writer
                insert.setLong(1, i);
                insert.executeUpdate();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                insert.setLong(1, i);
                insert.executeUpdate(); // autocommit: one transaction each
            }
            return (System.nanoTime() - t0) / 1e6 / commits;
        }
    }
}
