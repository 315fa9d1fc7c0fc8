package cn.huren.server.tenancy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way to tenant data besides JPA entities, for the core and for plugins (whose context
 * gets {@link #jdbc()}): plain JDBC on the current tenant's schema, never on any other.
 * <ul>
 * <li>Inside a transaction it runs on the transaction's own connection — the one the JPA
 * transaction opened on the tenant's schema and exposes to JDBC — so its writes commit or roll
 * back with the transaction's entities and outbox events. A transaction that runs on another
 * schema (opened for no tenant, or for another) is refused rather than joined.</li>
 * <li>Outside one, each statement (autocommits) borrows a pooled connection, switches it to the
 * tenant's schema and resets it to {@code platform} before it goes back ({@link TenantConnections}).</li>
 * <li>Without a tenant bound to the thread it fails: there is no fallback schema.</li>
 * </ul>
 * SQL names tables unqualified; docs/tenancy.md lists the few statements that still name a schema.
 */
@Component
public class TenantData {

    private final DataSource dataSource;
    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final JdbcClient single;

    TenantData(TenantConnections connections, DataSource pool) {
        this.dataSource = new TenantDataSource(connections);
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.single = JdbcClient.create(new SingleStatementDataSource(pool, (TenantDataSource) dataSource));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** The same, reading {@code fetchSize} rows at a time (long streamed reads); make one at construction. */
    public JdbcClient jdbc(int fetchSize) {
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(fetchSize);
        return JdbcClient.create(fetching);
    }

    /**
     * The hot-path exception (docs/tenancy.md): one statement that autocommits on a pooled connection
     * left on {@code platform}, naming its tables with {@link #table}. It saves the schema switch and
     * reset (two round trips) that {@link #jdbc()} pays outside a transaction, so it is only for single
     * statements that need no transaction: the nonce claim and the v1 hot reads. Inside a transaction
     * it joins the transaction's connection as {@link #jdbc()} does (its tables are named anyway), so it
     * neither reads beside the transaction's writes nor holds a second connection; without a tenant it
     * refuses, as {@link #jdbc()} does.
     */
    public JdbcClient singleStatement() {
        return single;
    }

    /** {@code "tenant_<code>".name} of the current tenant (a validated code): for {@link #singleStatement()}. */
    public static String table(String name) {
        return '"' + TenantContext.require().schema() + "\"." + name;
    }

    /** For batch updates and libraries that take JdbcOperations (Spring Authorization Server's JDBC services). */
    public JdbcTemplate template() {
        return template;
    }

    /** Behind {@link #singleStatement()}: the transaction's connection inside one, else a pooled one left on {@code platform}. */
    private static final class SingleStatementDataSource extends AbstractDataSource {

        private final DataSource pool;
        private final TenantDataSource joining;

        SingleStatementDataSource(DataSource pool, TenantDataSource joining) {
            this.pool = pool;
            this.joining = joining;
        }

        @Override
        public Connection getConnection() throws SQLException {
            TenantContext.require();
            return TransactionSynchronizationManager.isActualTransactionActive() ? joining.getConnection() : pool.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("tenant data uses the application's pool credentials");
        }
    }

    /** The connections behind {@link TenantData}: the transaction's, or one of the tenant's own. */
    private static final class TenantDataSource extends AbstractDataSource {

        private final TenantConnections connections;

        TenantDataSource(TenantConnections connections) {
            this.connections = connections;
        }

        @Override
        public Connection getConnection() throws SQLException {
            String schema = TenantContext.require().schema();
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                return joined(schema);
            }
            Connection own = connections.open(schema);
            return closingWith(own, schema, () -> connections.close(own));
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("tenant data uses the application's pool credentials");
        }

        /** The transaction's connection, which JpaTransactionManager binds under the application's DataSource. */
        private Connection joined(String schema) throws SQLException {
            DataSource pool = connections.pool();
            if (!(TransactionSynchronizationManager.getResource(pool) instanceof ConnectionHolder holder) || holder.getConnectionHandle() == null) {
                // joining nothing would commit on the side of the transaction: the very bug this class exists against
                throw new IllegalStateException("the transaction exposes no JDBC connection to join");
            }
            Connection connection = DataSourceUtils.getConnection(pool);
            String on = connections.schemaOf(connection);
            if (!schema.equals(on)) {
                DataSourceUtils.releaseConnection(connection, pool);
                throw new IllegalStateException("the transaction runs on schema " + on + ", not on the current tenant's " + schema);
            }
            return closingWith(connection, schema, () -> DataSourceUtils.releaseConnection(connection, pool));
        }

        /**
         * The connection, whose close does {@code close} instead (once), and which refuses a statement
         * for another tenant than the one it was taken for: a transaction keeps the connection it first
         * got, so a tenant switched inside it must not run on the first tenant's schema.
         */
        private static Connection closingWith(Connection target, String schema, Closing close) {
            boolean[] closed = {false};
            return (Connection) Proxy.newProxyInstance(ConnectionProxy.class.getClassLoader(), new Class<?>[] {ConnectionProxy.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "tenant connection on " + target;
                        case "getTargetConnection" -> target;
                        case "isClosed" -> closed[0] || target.isClosed();
                        case "close" -> {
                            if (!closed[0]) {
                                closed[0] = true;
                                close.run();
                            }
                            yield null;
                        }
                        default -> {
                            String name = method.getName();
                            if ((name.startsWith("prepare") || name.equals("createStatement"))
                                    && !schema.equals(TenantContext.require().schema())) {
                                throw new IllegalStateException("a connection taken for schema " + schema
                                        + " cannot run statements for tenant schema " + TenantContext.require().schema());
                            }
                            try {
                                yield method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
        }

        private interface Closing {
            void run() throws SQLException;
        }
    }
}
