package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.DemoApiClient;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantSettings;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Demo mode's API clients of a demo tenant (a plugin's sandbox receiving addressed pushes). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoApiClientSetupTest {

    static final DemoApiClient SANDBOX = new DemoApiClient("呼和浩特平台沙箱", "/sandbox/neimenggu/hohhot/webhook",
            List.of("registry:read"), "hohhotSyncClientId", "hohhotSandboxSyncSecret");

    @LocalServerPort
    int port;

    @Autowired
    DemoApiClientSetup setup;

    @Autowired
    ApiClients clients;

    @Autowired
    TenantSettings settings;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    void tenant() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("dac1", "neimenggu"));
    }

    List<ApiClients.ClientView> list() {
        return TenantContext.callAs(tenants.require("dac1"), () -> clients.list());
    }

    @Test
    @DisplayName("the client is created with its webhook on the server's loopback origin, no subscriptions; its id and sealed secret "
            + "go into the plugin configuration; a restart keeps it (same id, same secret), a lost configuration gets the same client a new secret")
    void createdOnceAndKept() {
        assertThat(setup.origin()).isEqualTo("http://127.0.0.1:" + port);
        String id = setup.ensure("dac1", List.of(SANDBOX), setup.origin()).get(SANDBOX.name());

        ApiClients.ClientView client = list().stream().filter(c -> c.clientId().equals(id)).findFirst().orElseThrow();
        assertThat(client.name()).isEqualTo(SANDBOX.name());
        assertThat(client.webhookUrl()).isEqualTo("http://127.0.0.1:" + port + "/sandbox/neimenggu/hohhot/webhook");
        assertThat(client.scopes()).containsExactly("registry:read");
        assertThat(client.events()).isEmpty();
        Map<String, Object> config = settings.pluginConfig("dac1");
        assertThat(config).containsEntry("hohhotSyncClientId", id);
        String secret = (String) config.get("hohhotSandboxSyncSecret");
        assertThat(TenantContext.callAs(tenants.require("dac1"), () -> clients.credentials(id)).orElseThrow().secret()).isEqualTo(secret);
        String stored = JdbcClient.create(dataSource).sql("select config from platform.tenant where code = 'dac1'").query(String.class).single();
        assertThat(stored).as("the secret is sealed").doesNotContain(secret).contains(id);

        assertThat(setup.ensure("dac1", List.of(SANDBOX), setup.origin())).containsEntry(SANDBOX.name(), id);
        assertThat(list()).hasSize(1);
        assertThat(settings.pluginConfig("dac1")).containsEntry("hohhotSandboxSyncSecret", secret);

        setup.ensure("dac1", List.of(SANDBOX), "http://127.0.0.1:9");
        assertThat(list()).singleElement().satisfies(c -> assertThat(c.webhookUrl()).startsWith("http://127.0.0.1:9/"));

        java.util.HashMap<String, Object> cleared = new java.util.HashMap<>();
        cleared.put("hohhotSandboxSyncSecret", null);
        HttpApi.operator(port).patch("/api/platform/tenants/dac1/config", cleared);
        assertThat(settings.pluginConfig("dac1")).doesNotContainKey("hohhotSandboxSyncSecret");
        assertThat(setup.ensure("dac1", List.of(SANDBOX), setup.origin())).containsEntry(SANDBOX.name(), id);
        assertThat(list()).hasSize(1);
        String renewed = (String) settings.pluginConfig("dac1").get("hohhotSandboxSyncSecret");
        assertThat(renewed).isNotBlank().isNotEqualTo(secret);
        assertThat(TenantContext.callAs(tenants.require("dac1"), () -> clients.credentials(id)).orElseThrow().secret()).isEqualTo(renewed);
    }
}
