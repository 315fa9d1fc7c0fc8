package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pool hygiene of {@link TenantData} outside transactions, on a pool of exactly one connection, so
 * that every borrower gets the same one. That pool is not told to reset schemas itself: what keeps
 * tenants apart here is {@link TenantConnections}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantDataTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory directory;
    @Autowired
    DataSource dataSource;

    HikariDataSource oneConnection;
    TenantData data;
    JdbcClient plain;

    @BeforeAll
    void twoTenantsOneConnection() throws SQLException {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body("tdaa", "shanxi")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants", Tenants.body("tdab", "shanxi")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/tdaa/notices", Map.of("title", "A only", "body", "for A")).status()).isEqualTo(201);
        HikariDataSource app = dataSource.unwrap(HikariDataSource.class);
        oneConnection = new HikariDataSource();
        oneConnection.setJdbcUrl(app.getJdbcUrl());
        oneConnection.setUsername(app.getUsername());
        oneConnection.setPassword(app.getPassword());
        oneConnection.setMaximumPoolSize(1);
        oneConnection.setPoolName("tenant-data-test");
        data = new TenantData(new TenantConnections(oneConnection), oneConnection);
        plain = JdbcClient.create(oneConnection);
    }

    @AfterAll
    void closePool() {
        oneConnection.close();
    }

    @Test
    @DisplayName("two tenants in sequence on the same pooled connection never see each other's schema; back in the pool it is on platform")
    void tenantsInSequenceOnOneConnection() {
        TenantDescriptor a = directory.require("tdaa");
        TenantDescriptor b = directory.require("tdab");
        int pid = plain.sql("select pg_backend_pid()").query(Integer.class).single();

        for (int round = 0; round < 3; round++) {
            assertThat(TenantContext.callAs(a, this::seen)).isEqualTo(pid + " " + a.schema() + " 1");
            assertThat(plain.sql("select pg_backend_pid() || ' ' || current_schema()").query(String.class).single())
                    .isEqualTo(pid + " platform");
            assertThat(TenantContext.callAs(b, this::seen)).isEqualTo(pid + " " + b.schema() + " 0");
            assertThat(plain.sql("select pg_backend_pid() || ' ' || current_schema()").query(String.class).single())
                    .isEqualTo(pid + " platform");
        }
    }

    @Test
    @DisplayName("a failed tenant statement returns its connection on platform too; without a tenant nothing runs")
    void failureAndNoTenant() {
        TenantDescriptor a = directory.require("tdaa");
        assertThatThrownBy(() -> TenantContext.runAs(a, () -> data.jdbc().sql("select * from no_such_table").query().listOfRows()))
                .isNotNull();
        assertThat(plain.sql("select current_schema()").query(String.class).single()).isEqualTo("platform");

        assertThatThrownBy(() -> data.jdbc().sql("select count(*) from notice").query(Long.class).single())
                .as("no tenant bound: refused, never a fallback schema")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(plain.sql("select current_schema()").query(String.class).single()).isEqualTo("platform");
    }

    /** The connection, the schema and the notices the current tenant's data shows. */
    private String seen() {
        return data.jdbc().sql("select pg_backend_pid() || ' ' || current_schema() || ' ' || (select count(*) from notice)")
                .query(String.class).single();
    }
}
