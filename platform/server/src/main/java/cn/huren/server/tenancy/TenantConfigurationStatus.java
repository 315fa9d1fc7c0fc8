package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck.Missing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a tenant's configuration still lacks (NMG-01): the plugin schema's mandatory fields that are empty (a field
 * made mandatory after the tenant was onboarded), and what the plugin's own {@code ConfigurationCheck} finds. The
 * console shows it to the operator; the plugin's portal pages say the service is not configured yet.
 */
@Component
public class TenantConfigurationStatus {

    private static final Logger log = LoggerFactory.getLogger(TenantConfigurationStatus.class);

    private final TenantPluginSupport plugins;
    private final TenantSettings settings;

    TenantConfigurationStatus(TenantPluginSupport plugins, TenantSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
    }

    /** The tenant's missing configuration, read now (operators' changes show at once). */
    public List<Missing> missing(TenantDescriptor tenant) {
        return missing(tenant.pluginId(), settings.pluginConfig(tenant.code()));
    }

    /** Of a plugin's configuration values (decrypted; the core's own settings are ignored). */
    List<Missing> missing(String pluginId, Map<String, Object> config) {
        if (!plugins.started(pluginId).orElse(false)) {
            return List.of(); // the tenant's page says the plugin is not running, which is another matter
        }
        Map<String, Object> values = new LinkedHashMap<>();
        config.forEach((name, value) -> {
            if (value != null && !name.startsWith(CoreSettings.PREFIX)) {
                values.put(name, value);
            }
        });
        ConfigSchema schema = plugins.configSchema(pluginId);
        List<Missing> missing = new ArrayList<>();
        for (ConfigField field : schema.fields()) {
            if (field.required() && String.valueOf(values.getOrDefault(field.name(), "")).isBlank()) {
                missing.add(new Missing(field.name(), field.labelZh() + "：未配置", field.labelEn() + ": not set"));
            }
        }
        try {
            missing.addAll(plugins.configurationChecks(pluginId, new ConfigValues(values)));
        } catch (RuntimeException e) {
            log.warn("the configuration check of plugin {} failed", pluginId, e);
            missing.add(new Missing("", "插件的配置检查出错，请查看日志", "the plugin's configuration check failed; see the log"));
        }
        return List.copyOf(missing);
    }
}
