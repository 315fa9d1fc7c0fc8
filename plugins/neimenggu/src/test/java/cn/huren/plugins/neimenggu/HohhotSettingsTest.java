package cn.huren.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HohhotSettingsTest {

    @Test
    @DisplayName("NMG-01: an empty configuration lacks Hohhot's URL, key, relying party and sync client, each named in zh and en")
    void emptyConfigurationLacksEverything() {
        var missing = new HohhotConfigurationCheck(() -> true).missing(new ConfigValues(Map.of()));

        assertThat(missing).extracting(ConfigurationCheck.Missing::field)
                .containsExactly("hohhotBaseUrl", "hohhotApiKey", "hohhotOidcClientId", "hohhotSyncClientId");
        assertThat(missing).allSatisfy(m -> {
            assertThat(m.messageZh()).isNotBlank();
            assertThat(m.messageEn()).isNotBlank();
        });
    }

    @Test
    @DisplayName("NMG-01: the sandbox stands in for URL and key only where the host allows sandboxes")
    void sandboxReplacesTheApiOnlyWhereAllowed() {
        ConfigValues sandbox = new ConfigValues(Map.of("hohhotSandbox", true, "hohhotOidcClientId", "c1", "hohhotSyncClientId", "c2"));

        assertThat(new HohhotConfigurationCheck(() -> true).missing(sandbox)).isEmpty();
        assertThat(new HohhotConfigurationCheck(() -> false).missing(sandbox)).extracting(ConfigurationCheck.Missing::field)
                .containsExactly("hohhotBaseUrl", "hohhotApiKey");
    }

    @Test
    @DisplayName("a complete real configuration lacks nothing; the timeout defaults to 10 s and is bounded")
    void complete() {
        ConfigValues real = new ConfigValues(Map.of("hohhotBaseUrl", "https://ggzy.example/huren", "hohhotApiKey", "k",
                "hohhotOidcClientId", "c1", "hohhotSyncClientId", "c2", "hohhotTimeoutMillis", 5));

        HohhotSettings s = HohhotSettings.of(real, false);
        assertThat(s.missing()).isEmpty();
        assertThat(s.baseUrl().toString()).isEqualTo("https://ggzy.example/huren/");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(HohhotSettings.of(new ConfigValues(Map.of("hohhotTimeoutMillis", 2500)), false).timeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    @DisplayName("the snapshot digest does not depend on member order, and changes with any content")
    void digestIsCanonical() {
        var a = IntegritySnapshot.JSON.createObjectNode().put("b", 1).put("a", "x");
        var b = IntegritySnapshot.JSON.createObjectNode().put("a", "x").put("b", 1);
        var c = IntegritySnapshot.JSON.createObjectNode().put("a", "y").put("b", 1);

        assertThat(IntegritySnapshot.digest(a)).isEqualTo(IntegritySnapshot.digest(b)).hasSize(64);
        assertThat(IntegritySnapshot.digest(c)).isNotEqualTo(IntegritySnapshot.digest(a));
    }

    @Test
    @DisplayName("the settings' toString never shows the API key or the sandbox sync secret")
    void toStringMasksSecrets() {
        HohhotSettings s = new HohhotSettings(null, "api-key-secret-1", Duration.ofSeconds(1), "c1", "c2", true, "sync-secret-2");

        assertThat(s.toString()).doesNotContain("api-key-secret-1").doesNotContain("sync-secret-2").contains("c1", "c2", "***");
    }
}
