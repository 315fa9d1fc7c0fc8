package cn.huren.server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The maximum length of every varchar/char column of the control and tenant schemas, as the
 * schema declares it (information_schema), by table and column name. Read on first use and again
 * (at most once a second) when a statement writes a column not yet known, e.g. of a plugin's new table.
 */
final class ColumnLimits {

    private static final long RELOAD_NANOS = 1_000_000_000L;

    private final DataSource dataSource;
    private volatile Map<String, Map<String, Integer>> limits;
    private volatile long loadedAt;

    ColumnLimits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The column's maximum length in characters, or null when it has none. */
    Integer max(String table, String column) {
        Map<String, Map<String, Integer>> known = limits;
        if (known == null || !known.getOrDefault(table, Map.of()).containsKey(column) && System.nanoTime() - loadedAt > RELOAD_NANOS) {
            known = load();
        }
        Map<String, Integer> columns = known.get(table);
        return columns == null ? null : columns.get(column);
    }

    private synchronized Map<String, Map<String, Integer>> load() {
        Map<String, Map<String, Integer>> loaded = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             // the catalogue itself, not information_schema (whose per-row privilege checks are slow with many tenant schemas)
             ResultSet rs = statement.executeQuery("""
                     select c.relname, a.attname,
                            min(case when t.typname in ('varchar', 'bpchar') and a.atttypmod > 4 then a.atttypmod - 4 end)
                     from pg_attribute a
                     join pg_class c on c.oid = a.attrelid
                     join pg_namespace n on n.oid = c.relnamespace
                     join pg_type t on t.oid = a.atttypid
                     where (n.nspname = 'platform' or n.nspname like 'tenant\\_%') and c.relkind in ('r', 'p')
                       and a.attnum > 0 and not a.attisdropped
                     group by c.relname, a.attname""")) {
            while (rs.next()) {
                // every column is known, also one without a limit (null): only a new one asks for a reload
                int length = rs.getInt(3);
                Integer max = rs.wasNull() ? null : length;
                loaded.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), max);
            }
        } catch (SQLException e) {
            // without the schema's lengths the database still refuses an over-long value (a 400 as well)
            loadedAt = System.nanoTime();
            if (limits == null) {
                limits = Map.of();
            }
            return limits;
        }
        limits = loaded;
        loadedAt = System.nanoTime();
        return loaded;
    }
}
