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
             ResultSet rs = statement.executeQuery("""
                     select table_name, column_name, min(character_maximum_length)
                     from information_schema.columns
                     where table_schema = 'platform' or table_schema like 'tenant\\_%'
                     group by table_name, column_name""")) {
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
