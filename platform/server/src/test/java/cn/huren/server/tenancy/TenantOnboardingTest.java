package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TenantOnboardingTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HttpApi api() {
        return HttpApi.operator(port);
    }

    @Test
    @DisplayName("onboarding creates schema tenant_<code> with the core and the plugin's tables; 201 with Location")
    void onboardingCreatesSchemaWithCoreAndPluginTables() {
        Reply reply = api().post("/api/platform/tenants", Tenants.body("onb1", "jiangsu", "onb1.localhost"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(reply.json().get("hosts").get(0).asText()).isEqualTo("onb1.localhost");
        assertThat(tables("tenant_onb1")).contains("notice", "js_city_system", "databasechangelog");
        assertThat(api().get("/api/platform/tenants/onb1").json().get("plugin").asText()).isEqualTo("jiangsu");
    }

    @Test
    @DisplayName("each plugin's tenants get that plugin's table and no other plugin's")
    void pluginTablesFollowThePlugin() {
        assertThat(api().post("/api/platform/tenants", Tenants.body("onb2", "shanxi")).status()).isEqualTo(201);
        assertThat(api().post("/api/platform/tenants", Tenants.body("onb3", "neimenggu")).status()).isEqualTo(201);

        assertThat(tables("tenant_onb2")).contains("notice", "sx_delegation_code").doesNotContain("js_city_system", "nmg_sync_run");
        assertThat(tables("tenant_onb3")).contains("notice", "nmg_sync_run").doesNotContain("js_city_system", "sx_delegation_code");
    }

    @Test
    @DisplayName("a bad code, names or host gives 400 problem+json naming each field, and creates nothing")
    void invalidInputIsRefusedAndCreatesNothing() {
        Map<String, Object> bad = Tenants.with(Tenants.with(Tenants.body("Bad-Code", "jiangsu", "Not A Host"), "nameZh", ""),
                "branding", Map.of("primaryColor", "red"));

        Reply reply = api().post("/api/platform/tenants", bad);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:validation");
        assertThat(reply.json().findValuesAsText("field"))
                .contains("code", "nameZh", "hosts[0].<list element>", "branding.primaryColor");
        assertThat(schemaExists("tenant_bad-code")).isFalse();
        assertThat(tenantRows("Bad-Code")).isZero();
    }

    @Test
    @DisplayName("an unknown plugin gives 400 unknown-plugin and creates nothing")
    void unknownPluginIsRefused() {
        Reply reply = api().post("/api/platform/tenants", Tenants.body("onb4", "guangdong"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:unknown-plugin");
        assertThat(schemaExists("tenant_onb4")).isFalse();
        assertThat(tenantRows("onb4")).isZero();
    }

    @Test
    @DisplayName("a duplicate code or a host already taken gives 409 and changes nothing")
    void duplicatesAreConflicts() {
        assertThat(api().post("/api/platform/tenants", Tenants.body("onb5", "jiangsu", "onb5.localhost")).status()).isEqualTo(201);

        Reply sameCode = api().post("/api/platform/tenants", Tenants.body("onb5", "shanxi"));
        Reply sameHost = api().post("/api/platform/tenants", Tenants.body("onb6", "jiangsu", "onb5.localhost"));

        assertThat(sameCode.status()).isEqualTo(409);
        assertThat(sameCode.json().get("type").asText()).isEqualTo("urn:huren:problem:tenant-exists");
        assertThat(sameHost.status()).isEqualTo(409);
        assertThat(sameHost.json().get("type").asText()).isEqualTo("urn:huren:problem:host-taken");
        assertThat(api().get("/api/platform/tenants/onb5").json().get("plugin").asText()).isEqualTo("jiangsu");
        assertThat(schemaExists("tenant_onb6")).isFalse();
        assertThat(tenantRows("onb6")).isZero();
    }

    @Test
    @DisplayName("a platform host (localhost) cannot be given to a tenant")
    void platformHostIsReserved() {
        Reply reply = api().post("/api/platform/tenants", Tenants.body("onb7", "jiangsu", "localhost"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:reserved-host");
        assertThat(tenantRows("onb7")).isZero();
    }

    @Test
    @DisplayName("10 concurrent onboardings leave 10 active tenants with complete schemas; a concurrent duplicate gets 409")
    void concurrentOnboarding() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String code = "conc" + i;
                String plugin = i % 2 == 0 ? "jiangsu" : "shanxi";
                calls.add(() -> api().post("/api/platform/tenants", Tenants.body(code, plugin, code + ".localhost")));
            }
            calls.add(() -> api().post("/api/platform/tenants", Tenants.body("conc0", "jiangsu")));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> f : pool.invokeAll(calls)) {
                statuses.add(f.get().status());
            }

            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
            assertThat(statuses.stream().filter(s -> s == 409)).hasSize(1);
            for (int i = 0; i < 10; i++) {
                assertThat(tables("tenant_conc" + i)).contains("notice", i % 2 == 0 ? "js_city_system" : "sx_delegation_code");
                assertThat(api().get("/api/platform/tenants/conc" + i).json().get("status").asText()).isEqualTo("ACTIVE");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("the list pages and searches by code or name")
    void listPagesAndSearches() {
        api().post("/api/platform/tenants", Tenants.body("srch1", "jiangsu"));
        api().post("/api/platform/tenants", Tenants.body("srch2", "shanxi"));

        Reply page = api().get("/api/platform/tenants?q=srch&size=1");

        assertThat(page.json().get("total").asLong()).isEqualTo(2);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json().get("items").get(0).get("code").asText()).isEqualTo("srch1");
        assertThat(api().get("/api/platform/tenants?q=test%20srch2").json().get("total").asLong()).isEqualTo(1);
    }

    private List<String> tables(String schema) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = ?")
                .param(schema).query(String.class).list();
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("select count(*) from information_schema.schemata where schema_name = ?")
                .param(schema).query(Long.class).single() > 0;
    }

    private long tenantRows(String code) {
        return jdbc.sql("select count(*) from platform.tenant where code = ?").param(code).query(Long.class).single();
    }
}
