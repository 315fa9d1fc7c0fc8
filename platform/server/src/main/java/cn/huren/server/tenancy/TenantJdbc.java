package cn.huren.server.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC for the current tenant's schema, for code without JPA entities (plugins' own
 * tables, the OIDC provider's). Fails when no tenant is bound rather than falling back to any schema.
 */
@Component
public class TenantJdbc {

    private final JdbcTemplate template;
    private final JdbcClient client;

    TenantJdbc(DataSource dataSource) {
        this.template = new JdbcTemplate(new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                String schema = TenantContext.require().schema();
                Connection connection = super.getConnection();
                connection.setSchema(schema);
                return connection;
            }
        });
        this.client = JdbcClient.create(template);
    }

    /** For libraries that take JdbcOperations (Spring Authorization Server's JDBC services). */
    public JdbcTemplate template() {
        return template;
    }

    public JdbcClient client() {
        return client;
    }
}
