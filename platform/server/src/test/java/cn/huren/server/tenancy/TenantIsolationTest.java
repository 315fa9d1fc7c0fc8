package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    TenantDirectory directory;

    @Autowired
    TenantData tenantData;

    @Autowired
    DataSource dataSource;

    @Autowired
    AsyncTaskExecutor taskExecutor;

    @BeforeAll
    void twoTenants() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body("isoa", "jiangsu", "isoa.localhost")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants", Tenants.body("isob", "jiangsu", "isob.localhost")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/isoa/notices", Map.of("title", "A only", "body", "for A")).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("data written for tenant A is invisible to tenant B through the API, by path and by host")
    void apiIsolation() {
        HttpApi anon = HttpApi.anonymous(port);

        assertThat(anon.get("/api/t/isoa/notices").json().findValuesAsText("title")).containsExactly("A only");
        assertThat(anon.get("/api/t/isob/notices").json()).isEmpty();
        assertThat(anon.host("isob.localhost").get("/").body()).doesNotContain("A only").contains("Portal isob");
        assertThat(anon.host("isoa.localhost").get("/").body()).contains("A only");
    }

    @Test
    @DisplayName("data written for tenant A is invisible to tenant B through repositories and tenant JDBC")
    void repositoryIsolation(@Autowired org.springframework.context.ApplicationContext context) {
        TenantDescriptor a = directory.byCode("isoa").orElseThrow();
        TenantDescriptor b = directory.byCode("isob").orElseThrow();
        JdbcClient jdbc = tenantData.jdbc();

        long inA = TenantContext.callAs(a, () -> jdbc.sql("select count(*) from notice").query(Long.class).single());
        long inB = TenantContext.callAs(b, () -> jdbc.sql("select count(*) from notice").query(Long.class).single());

        assertThat(inA).isEqualTo(1);
        assertThat(inB).isZero();
        assertThatThrownBy(() -> jdbc.sql("select count(*) from notice").query(Long.class).single())
                .as("no tenant bound: refused, never a default schema")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a tenant's work leaves pooled connections on schema platform")
    void schemaIsResetOnRelease() {
        TenantDescriptor a = directory.byCode("isoa").orElseThrow();
        for (int i = 0; i < 30; i++) {
            TenantContext.runAs(a, () -> tenantData.jdbc().sql("select 1").query(Integer.class).single());
            HttpApi.anonymous(port).get("/api/t/isoa/notices");
        }
        JdbcClient plain = JdbcClient.create(dataSource);
        for (int i = 0; i < 30; i++) {
            assertThat(plain.sql("select current_schema()").query(String.class).single()).isEqualTo("platform");
        }
    }

    @Test
    @DisplayName("host of tenant A with path /t/B/ is refused with 400 tenant-mismatch")
    void hostAndPathMustAgree() {
        Reply reply = HttpApi.anonymous(port).host("isoa.localhost").get("/api/t/isob/notices");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:tenant-mismatch");
        assertThat(HttpApi.anonymous(port).host("isoa.localhost").get("/t/isob/").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("an unknown tenant gets 404, by path or by host, never a default tenant")
    void unknownTenantIs404() {
        Reply byPath = HttpApi.anonymous(port).get("/api/t/nosuch/notices");
        Reply byHost = HttpApi.anonymous(port).host("nosuch.localhost").get("/");

        assertThat(byPath.status()).isEqualTo(404);
        assertThat(byPath.json().get("type").asText()).isEqualTo("urn:huren:problem:unknown-tenant");
        assertThat(byHost.status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the platform API is not reachable through a tenant's host")
    void platformNotOnTenantHost() {
        assertThat(HttpApi.operator(port).host("isoa.localhost").get("/api/platform/tenants").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a suspended tenant answers 503 on portal and API; its data survives resume")
    void suspendAndResume() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("isoc", "shanxi", "isoc.localhost"));
        op.post("/api/platform/tenants/isoc/notices", Map.of("title", "kept", "body", "through suspension"));

        assertThat(op.post("/api/platform/tenants/isoc/suspend", null).json().get("status").asText()).isEqualTo("SUSPENDED");
        Reply api = HttpApi.anonymous(port).get("/api/t/isoc/notices");
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.json().get("type").asText()).isEqualTo("urn:huren:problem:tenant-suspended");
        assertThat(HttpApi.anonymous(port).host("isoc.localhost").get("/").status()).isEqualTo(503);

        assertThat(op.post("/api/platform/tenants/isoc/resume", null).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(HttpApi.anonymous(port).get("/api/t/isoc/notices").json().findValuesAsText("title")).containsExactly("kept");
    }

    @Test
    @DisplayName("async work runs for the tenant that scheduled it")
    void tenantFollowsAsyncWork() throws Exception {
        TenantDescriptor a = directory.byCode("isoa").orElseThrow();
        CompletableFuture<String> seen = TenantContext.callAs(a, () -> CompletableFuture.supplyAsync(
                () -> TenantContext.current().map(TenantDescriptor::code).orElse("none"), taskExecutor));
        CompletableFuture<String> unbound = CompletableFuture.supplyAsync(
                () -> TenantContext.current().map(TenantDescriptor::code).orElse("none"), taskExecutor);

        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("isoa");
        assertThat(unbound.get(10, TimeUnit.SECONDS)).isEqualTo("none");
    }
}
