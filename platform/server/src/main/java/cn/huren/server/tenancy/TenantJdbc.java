package cn.huren.server.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC for the current tenant's schema, for code without JPA entities (plugins' own
 * tables). Fails when no tenant is bound rather than falling back to any schema.
 */
@Component
public class TenantJdbc {

    private final JdbcClient client;

    TenantJdbc(DataSource dataSource) {
        this.client = JdbcClient.create(new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                String schema = TenantContext.require().schema();
                Connection connection = super.getConnection();
                connection.setSchema(schema);
                return connection;
            }
        });
    }

    public JdbcClient client() {
        return client;
    }
}
