package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server whose plugin directory also holds a plugin that fails to start. */
@IntegrationTest
class FailedPluginTest {

    @DynamicPropertySource
    static void pluginsWithABrokenOne(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("huren-broken-plugin");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "broken");
        manifest.getMainAttributes().putValue("Plugin-Version", "9.9.9");
        manifest.getMainAttributes().putValue("Plugin-Class", BrokenTestPlugin.class.getName());
        try (OutputStream out = Files.newOutputStream(dir.resolve("broken-plugin.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        registry.add("huren.plugins-dir", () -> System.getProperty("huren.test.plugins-root") + "," + dir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("a plugin that fails to start is listed FAILED with its reason; the server and other plugins run")
    void failedPluginIsReported() {
        JsonNode plugins = HttpApi.operator(port).get("/api/platform/plugins").json();

        JsonNode broken = null;
        for (JsonNode p : plugins) {
            if (p.get("id").asText().equals("broken")) {
                broken = p;
            }
        }
        assertThat(broken).isNotNull();
        assertThat(broken.get("state").asText()).isEqualTo("FAILED");
        assertThat(broken.get("failureReason").asText()).contains("boom");
        assertThat(plugins.findValuesAsText("state")).filteredOn("STARTED"::equals).hasSize(3);
    }

    @Test
    @DisplayName("tenants of a failed plugin get a clear 503; onboarding onto it is refused with 503")
    void tenantsOfFailedPluginAreUnavailable() {
        jdbc.sql("""
                insert into platform.tenant (code, name_zh, name_en, status, plugin_id, config, created_at, updated_at)
                values ('brk1', '坏', 'Broken', 'ACTIVE', 'broken', '{}', now(), now())""").update();

        Reply reply = HttpApi.anonymous(port).get("/api/t/brk1/notices");
        Reply onboarding = HttpApi.operator(port).post("/api/platform/tenants",
                cn.huren.server.Tenants.body("brk2", "broken"));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:plugin-unavailable");
        assertThat(reply.json().get("detail").asText()).as("internal failure detail is for operators only").doesNotContain("boom");
        assertThat(onboarding.status()).isEqualTo(503);
        assertThat(jdbc.sql("select count(*) from platform.tenant where code = 'brk2'").query(Long.class).single()).isZero();
    }
}
