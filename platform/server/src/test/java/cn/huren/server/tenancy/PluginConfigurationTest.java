package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PluginConfigurationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantSettings settings;

    @Test
    @DisplayName("a secret in plugin configuration is never returned and not stored in clear text; the plugin reads it decrypted")
    void secretsAreWriteOnly() {
        HttpApi op = HttpApi.operator(port);
        Reply created = op.post("/api/platform/tenants", Tenants.with(Tenants.body("cfg1", "jiangsu"), "config",
                Map.of("sufubanClientId", "client-1", "sufubanClientSecret", "very-secret-value")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("very-secret-value");
        assertThat(created.json().get("config").get("sufubanClientId").asText()).isEqualTo("client-1");
        assertThat(created.json().get("secretsSet").get(0).asText()).isEqualTo("sufubanClientSecret");
        assertThat(op.get("/api/platform/tenants/cfg1").body()).doesNotContain("very-secret-value");
        assertThat(op.get("/api/platform/tenants?q=cfg1").body()).doesNotContain("very-secret-value");
        String stored = jdbc.sql("select config from platform.tenant where code = 'cfg1'").query(String.class).single();
        assertThat(stored).doesNotContain("very-secret-value").contains("enc:v1:");
        assertThat(settings.decryptedConfig("cfg1")).containsEntry("sufubanClientSecret", "very-secret-value");
    }

    @Test
    @DisplayName("updating configuration keeps secrets not mentioned, replaces those given, and removes on null")
    void mergeSemantics() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.with(Tenants.body("cfg2", "jiangsu"), "config",
                Map.of("sufubanClientId", "a", "sufubanClientSecret", "first")));

        op.patch("/api/platform/tenants/cfg2/config", Map.of("sufubanClientId", "b"));
        assertThat(settings.decryptedConfig("cfg2")).containsEntry("sufubanClientId", "b").containsEntry("sufubanClientSecret", "first");

        op.patch("/api/platform/tenants/cfg2/config", Map.of("sufubanClientSecret", "second"));
        assertThat(settings.decryptedConfig("cfg2")).containsEntry("sufubanClientSecret", "second");

        Map<String, Object> remove = new HashMap<>();
        remove.put("sufubanClientSecret", null);
        Reply removed = op.patch("/api/platform/tenants/cfg2/config", remove);
        assertThat(removed.json().get("secretsSet")).isEmpty();
        assertThat(settings.decryptedConfig("cfg2")).doesNotContainKey("sufubanClientSecret");
    }

    @Test
    @DisplayName("X-10: an authoritative field is set at onboarding and refused on update; unknown and ill-typed fields are refused")
    void authoritativeAndTypedFields() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body("cfg3", "neimenggu")).status()).isEqualTo(201);

        Reply changeAuthoritative = op.patch("/api/platform/tenants/cfg3/config", Map.of("regionCode", "110000"));
        Reply unknownAndBadUrl = op.patch("/api/platform/tenants/cfg3/config", Map.of("nope", "x", "hohhotBaseUrl", "ftp://x"));

        assertThat(changeAuthoritative.status()).isEqualTo(400);
        assertThat(changeAuthoritative.json().findValuesAsText("field")).containsExactly("config.regionCode");
        assertThat(unknownAndBadUrl.status()).isEqualTo(400);
        assertThat(unknownAndBadUrl.json().findValuesAsText("field")).containsExactlyInAnyOrder("config.nope", "config.hohhotBaseUrl");
        assertThat(settings.decryptedConfig("cfg3")).as("nothing changed").containsEntry("regionCode", "150100")
                .doesNotContainKeys("nope", "hohhotBaseUrl");
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body("cfg4", "neimenggu"), "config", Map.of())).status())
                .as("a required field missing at onboarding").isEqualTo(400);
    }

    @Test
    @DisplayName("branding is validated and updated; markup in names is kept as text")
    void branding() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.with(Tenants.body("brd1", "shanxi", "brd1.localhost"), "nameZh", "<b>晋</b>"));

        assertThat(op.put("/api/platform/tenants/brd1/branding", Map.of("primaryColor", "javascript:alert(1)")).status()).isEqualTo(400);
        Reply ok = op.put("/api/platform/tenants/brd1/branding", Map.of("title", "<script>alert(1)</script>", "primaryColor", "#AA0000"));

        assertThat(ok.json().get("branding").get("primaryColor").asText()).isEqualTo("#aa0000");
        String page = HttpApi.anonymous(port).host("brd1.localhost").get("/").body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(HttpApi.anonymous(port).host("brd1.localhost").get("/theme.css").body()).contains("--brand: #aa0000");
    }
}
