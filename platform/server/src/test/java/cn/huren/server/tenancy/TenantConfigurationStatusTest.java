package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck.Missing;
import cn.huren.plugin.api.DemoTenant;
import cn.huren.server.database.SchemaMigrator.Changelog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TenantConfigurationStatusTest {

    private static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.text("regionCode", "区划代码", "Region code").mandatory(),
            ConfigField.secret("apiKey", "接口密钥", "API key").mandatory(),
            ConfigField.url("baseUrl", "接口地址", "API URL"));

    @Test
    @DisplayName("NMG-01: empty mandatory fields and what the plugin's own check finds are both missing; the core's settings are no concern of the plugin")
    void mandatoryFieldsAndPluginCheck() {
        TenantConfigurationStatus status = status(values -> values.values().containsKey("core.realNameSecret")
                ? List.of(new Missing("core", "泄露", "leaked"))
                : values.text("baseUrl").isEmpty() && !values.flag("sandbox")
                ? List.of(new Missing("baseUrl", "接口地址：未配置（未使用沙箱）", "API URL: not set (no sandbox)")) : List.of());

        List<Missing> missing = status.missing("p", Map.of("regionCode", " ", "core.realNameSecret", "x"));
        List<Missing> complete = status.missing("p", Map.of("regionCode", "150100", "apiKey", "k", "sandbox", true));

        assertThat(missing).extracting(Missing::field).containsExactly("regionCode", "apiKey", "baseUrl");
        assertThat(missing.get(0).messageZh()).isEqualTo("区划代码：未配置");
        assertThat(missing.get(0).messageEn()).isEqualTo("Region code: not set");
        assertThat(complete).isEmpty();
    }

    @Test
    @DisplayName("a plugin check that fails is shown as a problem of the configuration, not an error of the page")
    void failingCheck() {
        TenantConfigurationStatus status = status(values -> {
            throw new IllegalStateException("bug");
        });

        assertThat(status.missing("p", Map.of("regionCode", "150100", "apiKey", "k"))).extracting(Missing::messageEn)
                .containsExactly("the plugin's configuration check failed; see the log");
    }

    private static TenantConfigurationStatus status(Function<ConfigValues, List<Missing>> check) {
        return new TenantConfigurationStatus(new TenantPluginSupport() {
            @Override
            public Optional<Boolean> started(String pluginId) {
                return Optional.of(true);
            }

            @Override
            public String unavailableReason(String pluginId) {
                return null;
            }

            @Override
            public ConfigSchema configSchema(String pluginId) {
                return SCHEMA;
            }

            @Override
            public Map<String, DemoTenant> demoTenants() {
                return Map.of();
            }

            @Override
            public List<Changelog> changelogs(String pluginId) {
                return List.of();
            }

            @Override
            public List<Missing> configurationChecks(String pluginId, ConfigValues values) {
                return check.apply(values);
            }
        }, null);
    }
}
