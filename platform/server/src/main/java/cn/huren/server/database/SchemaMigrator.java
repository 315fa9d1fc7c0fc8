package cn.huren.server.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.ThreadLocalScopeManager;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandScope;
import liquibase.lockservice.LockServiceFactory;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
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
        // Liquibase's default scope manager is one global stack: concurrent onboardings corrupt it.
        Scope.setScopeManager(new ThreadLocalScopeManager());
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
        } finally {
            // new tables and columns (an onboarding, a plugin's changelog): the guard reads their lengths now, not on a request
            TextGuardingDataSource.of(dataSource).ifPresent(guard -> guard.limits().schemaChanged(schema));
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

    /**
     * Liquibase caches lock and history services per database URL, which every tenant schema
     * shares: runs are serialized within the JVM (another node is kept out by the lock table).
     */
    private static final Object LIQUIBASE = new Object();

    private static void update(Connection connection, String schema, Changelog changelog) {
        synchronized (LIQUIBASE) {
            try {
                run(connection, schema, changelog);
            } finally {
                LockServiceFactory.getInstance().resetAll();
                Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
            }
        }
    }

    private static void run(Connection connection, String schema, Changelog changelog) {
        try {
            Map<String, Object> scope = Map.of(
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(changelog.loader()));
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDefaultSchemaName(schema);
                database.setLiquibaseSchemaName(schema);
                // The database is not closed: that would close the pooled connection under us.
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                        .execute();
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
