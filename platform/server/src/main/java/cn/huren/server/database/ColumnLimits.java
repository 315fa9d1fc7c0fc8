package cn.huren.server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What the schema declares of every column of the control and tenant schemas (read from
 * pg_catalog), by table and column name: its maximum length, and whether it is a document column
 * (text, json, jsonb: where the server keeps JSON documents). Loaded eagerly when the application is
 * ready, and again after every schema migration ({@link SchemaMigrator}: a tenant's onboarding, a
 * plugin's changelog). A column that is still unknown after a reload (a table outside these schemas,
 * a quoted mixed-case name) is remembered as unknown until the next reload, so it never triggers
 * another; a lazy load (before the application is ready) uses the caller's own connection, never a
 * second one from the pool.
 */
final class ColumnLimits {

    /** A column: its maximum length in characters (null when it has none), and whether it holds documents. */
    record Column(Integer max, boolean document) {
    }

    private static final long RETRY_NANOS = 1_000_000_000L;
    private static final String SCHEMAS = "{schemas}";
    /** Every column's limit and kind, by table and column, over the schemas {@link #SCHEMAS} selects (pg_catalog: information_schema's per-row privilege checks are slow with many schemas). */
    private static final String CATALOGUE = """
            select c.relname, a.attname,
                   min(case when t.typname in ('varchar', 'bpchar') and a.atttypmod > 4 then a.atttypmod - 4 end),
                   bool_or(t.typname in ('text', 'json', 'jsonb'))
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_type t on t.oid = a.atttypid
            where {schemas} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
            group by c.relname, a.attname""";

    private final DataSource dataSource;
    private volatile Map<String, Map<String, Column>> columns;
    /** Keys (table.column) unknown after the last reload; cleared by the next. */
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private volatile long failedAt;
    private volatile boolean ready;

    ColumnLimits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The column, or null when the schema does not know it. {@code caller}: the connection to read the catalogue with if needed. */
    Column column(String table, String column, Connection caller) {
        Map<String, Map<String, Column>> known = columns;
        Column found = find(known, table, column);
        if (found != null || known != null && (unknown.contains(table + '.' + column) || recentlyFailed())) {
            return found;
        }
        synchronized (this) {
            // another thread may have loaded meanwhile
            known = columns;
            found = find(known, table, column);
            if (found != null || known != null && (unknown.contains(table + '.' + column) || recentlyFailed())) {
                return found;
            }
            if (load(caller)) {
                found = find(columns, table, column);
                if (found == null) {
                    unknown.add(table + '.' + column);
                }
            }
            return found;
        }
    }

    /** The column's maximum length in characters, or null when it has none or is unknown. */
    Integer max(String table, String column, Connection caller) {
        Column c = column(table, column, caller);
        return c == null ? null : c.max();
    }

    /** The application is ready (every schema migrated at start): load now, and after each later migration. */
    void ready() {
        ready = true;
        reload();
    }

    /**
     * {@code schema} was migrated: once the application is ready, its columns are read at once and
     * merged into what is known (only that schema: a full read per onboarding would grow with the
     * number of tenants).
     */
    void schemaChanged(String schema) {
        if (ready) {
            reload(schema);
        }
    }

    private void reload() {
        reload(null);
    }

    /** Reads the whole catalogue ({@code schema} null), or one schema's columns merged into what is known. */
    private void reload(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            synchronized (this) {
                if (schema == null || columns == null) {
                    load(connection);
                } else {
                    merge(connection, schema);
                }
            }
        } catch (SQLException e) {
            failedAt = System.nanoTime();
        }
    }

    /** One schema's columns into the known ones: the shorter limit and either's document flag win, as the full read's aggregate does. */
    private void merge(Connection connection, String schema) throws SQLException {
        Map<String, Map<String, Column>> merged = new HashMap<>();
        columns.forEach((table, known) -> merged.put(table, new HashMap<>(known)));
        try (java.sql.PreparedStatement statement = connection.prepareStatement(CATALOGUE.replace(SCHEMAS, "n.nspname = ?"))) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Column read = column(rs);
                    merged.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).merge(rs.getString(2), read, (a, b) -> new Column(
                            a.max() == null ? b.max() : b.max() == null ? a.max() : Integer.valueOf(Math.min(a.max(), b.max())),
                            a.document() || b.document()));
                }
            }
        }
        unknown.clear();
        columns = merged;
    }

    private static Column column(ResultSet rs) throws SQLException {
        int length = rs.getInt(3);
        Integer max = rs.wasNull() ? null : length; // every column is known, also one without a limit (null)
        return new Column(max, rs.getBoolean(4));
    }

    private boolean recentlyFailed() {
        return failedAt != 0 && System.nanoTime() - failedAt < RETRY_NANOS;
    }

    private static Column find(Map<String, Map<String, Column>> known, String table, String column) {
        if (known == null) {
            return null;
        }
        Map<String, Column> columns = known.get(table);
        return columns == null ? null : columns.get(column);
    }

    /** Reads the catalogue with {@code connection} (held by the lock); false when it could not be read. */
    private boolean load(Connection connection) {
        Map<String, Map<String, Column>> loaded = new HashMap<>();
        try (Statement statement = connection.createStatement();
             // the catalogue itself, not information_schema (whose per-row privilege checks are slow with many tenant schemas)
             ResultSet rs = statement.executeQuery(CATALOGUE.replace(SCHEMAS, "(n.nspname = 'platform' or n.nspname like 'tenant\\_%')"))) {
            while (rs.next()) {
                loaded.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), column(rs));
            }
        } catch (SQLException e) {
            // without the schema's lengths the database still refuses an over-long value (a 400 as well)
            failedAt = System.nanoTime();
            if (columns == null) {
                columns = Map.of();
            }
            return false;
        }
        unknown.clear();
        columns = loaded;
        failedAt = 0;
        return true;
    }
}
