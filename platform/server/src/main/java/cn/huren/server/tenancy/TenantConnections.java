package cn.huren.server.tenancy;

import cn.huren.server.database.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The one place a pooled connection is switched to a tenant's schema and back, for Hibernate
 * ({@link MultiTenancyConfig}) and for {@link TenantData} alike. A connection is switched when it
 * is borrowed and reset to {@code platform} before it goes back to the pool, so that whoever borrows
 * it next (another tenant, platform code) never finds a tenant's search path; the pool resets it
 * too (spring.datasource.hikari.schema) should a connection be closed past {@link #close}.
 * It remembers which schema each connection it lent is on, so that tenant JDBC joining a
 * transaction can check the transaction runs on its tenant's schema.
 */
@Component
class TenantConnections {

    private final DataSource pool;
    /** Connections lent and not yet closed; the pool's connection proxies compare by identity, and one lost past close is collected. */
    private final Map<Connection, String> lent = Collections.synchronizedMap(new WeakHashMap<>());

    TenantConnections(DataSource pool) {
        this.pool = pool;
    }

    /** The application's DataSource: the pool, and the key the JPA transaction binds its connection under. */
    DataSource pool() {
        return pool;
    }

    /** A pooled connection on {@code schema} (a validated schema name, or {@code platform}). */
    Connection open(String schema) throws SQLException {
        Connection connection = pool.getConnection();
        try {
            connection.setSchema(schema);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        lent.put(connection, schema);
        return connection;
    }

    /** Resets the connection to {@code platform} and returns it to the pool. */
    void close(Connection connection) throws SQLException {
        lent.remove(connection);
        try {
            connection.setSchema(SchemaMigrator.PLATFORM_SCHEMA);
        } finally {
            connection.close();
        }
    }

    /** The schema a connection lent here is on; null for one it did not lend. */
    String schemaOf(Connection connection) {
        return lent.get(connection);
    }
}
