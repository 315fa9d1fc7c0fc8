package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PluginHostTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("the plugin list shows jiangsu, neimenggu and shanxi STARTED with their versions")
    void allThreeStarted() {
        JsonNode plugins = HttpApi.operator(port).get("/api/platform/plugins").json();

        assertThat(plugins.findValuesAsText("id")).containsExactly("jiangsu", "neimenggu", "shanxi");
        assertThat(plugins.findValuesAsText("state")).containsOnly("STARTED");
        assertThat(plugins.get(0).get("version").asText()).isNotBlank();
    }

    @Test
    @DisplayName("a plugin endpoint answers under the forced prefix with plugin id, version, tenant and its own table")
    void pluginEndpointUnderForcedPrefix() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("plg1", "neimenggu", "plg1.localhost"));

        JsonNode info = HttpApi.anonymous(port).get("/api/t/plg1/plugins/neimenggu/info").json();
        JsonNode byHost = HttpApi.anonymous(port).host("plg1.localhost").get("/api/t/plg1/plugins/neimenggu/info").json();

        assertThat(info.get("plugin").asText()).isEqualTo("neimenggu");
        assertThat(info.get("tenant").asText()).isEqualTo("plg1");
        assertThat(info.get("tables").get("nmg_sync_run").asLong()).isZero();
        assertThat(byHost.get("tenant").asText()).isEqualTo("plg1");
        assertThat(HttpApi.anonymous(port).get("/info").status()).as("never mounted outside the prefix").isEqualTo(404);
    }

    @Test
    @DisplayName("a plugin endpoint for a tenant on another plugin gives 404")
    void otherPluginsEndpointsAreHidden() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("plg2", "shanxi"));

        Reply reply = HttpApi.anonymous(port).get("/api/t/plg2/plugins/jiangsu/info");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(HttpApi.anonymous(port).get("/api/t/plg2/plugins/shanxi/info").status()).isEqualTo(200);
    }
}
