package cn.huren.server.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.springframework.stereotype.Component;

/**
 * Applies Liquibase changelogs to one PostgreSQL schema: the control schema {@code platform},
 * or a tenant schema with the core changelog followed by its plugin's. Each schema keeps its own
 * DATABASECHANGELOG, so tenants migrate independently and concurrently.
 */
@Component
public class SchemaMigrator {

    public static final String PLATFORM_SCHEMA = "platform";

    static {
        // Liquibase >= 4.30 phones home unless told not to; the environment variable may be absent.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showSummary", "OFF");
    }

    /** A changelog and the class loader (server or plugin) that can read it. */
    public record Changelog(String path, ClassLoader loader) {
    }

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migrate(String schema, List<Changelog> changelogs) {
        requireSafeName(schema);
        try (Connection connection = dataSource.getConnection()) {
            try (Statement st = connection.createStatement()) {
                st.execute("create schema if not exists \"" + schema + "\"");
            }
            try {
                connection.setSchema(schema);
                for (Changelog changelog : changelogs) {
                    update(connection, schema, changelog);
                }
            } finally {
                connection.setSchema(PLATFORM_SCHEMA);
            }
        } catch (SQLException e) {
            throw new MigrationException("migrating schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    public void drop(String schema) {
        requireSafeName(schema);
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            st.execute("drop schema if exists \"" + schema + "\" cascade");
        } catch (SQLException e) {
            throw new MigrationException("dropping schema " + schema + " failed: " + e.getMessage(), e);
        }
    }

    private static void update(Connection connection, String schema, Changelog changelog) {
        try {
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDefaultSchemaName(schema);
                database.setLiquibaseSchemaName(schema);
                // Not closed: closing Liquibase would close the pooled connection under us.
                Liquibase liquibase = new Liquibase(changelog.path(),
                        new ClassLoaderResourceAccessor(changelog.loader()), database);
                liquibase.update(new Contexts(), new LabelExpression());
            });
        } catch (Exception e) {
            throw new MigrationException("changelog " + changelog.path() + " failed on schema " + schema
                    + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void requireSafeName(String schema) {
        if (!schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("unsafe schema name: " + schema);
        }
    }

    /** A schema could not be brought to the expected version. */
    public static class MigrationException extends RuntimeException {
        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
