package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TenantStartupMigrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantStartupMigration startup;

    @Test
    @DisplayName("at start a tenant schema whose changelog fingerprint is out of date is migrated again")
    void staleSchemaIsMigrated() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("mig1", "shanxi"));
        jdbc.sql("drop table tenant_mig1.sx_delegation_code").update();
        jdbc.sql("delete from tenant_mig1.databasechangelog where id = 'shanxi-1'").update();
        jdbc.sql("update platform.tenant set schema_fingerprint = 'old' where code = 'mig1'").update();

        startup.afterSingletonsInstantiated();

        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = 'tenant_mig1' "
                + "and table_name = 'sx_delegation_code'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select schema_fingerprint from platform.tenant where code = 'mig1'").query(String.class).single())
                .isNotEqualTo("old");
    }

    @Test
    @DisplayName("an onboarding that died half-way (PROVISIONING for long) is removed at start: no schema, no row")
    void abandonedOnboardingIsRemoved() {
        jdbc.sql("create schema tenant_dead1").update();
        jdbc.sql("""
                insert into platform.tenant (code, name_zh, name_en, status, plugin_id, config, created_at, updated_at)
                values ('dead1', '死', 'Dead', 'PROVISIONING', 'jiangsu', '{}', now() - interval '1 hour', now())""").update();
        assertThat(HttpApi.anonymous(port).get("/api/t/dead1/notices").status()).as("never served").isEqualTo(404);

        startup.afterSingletonsInstantiated();

        assertThat(jdbc.sql("select count(*) from platform.tenant where code = 'dead1'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from information_schema.schemata where schema_name = 'tenant_dead1'")
                .query(Long.class).single()).isZero();
    }
}
