package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The core's own per-tenant settings (login policy, real-name provider, SMS sign name, …): fields
 * named {@code core.…} appended to every tenant's configuration schema, so the operator sets them
 * with the plugin's (same form, same PATCH, secrets sealed by the same codec, unknown names refused).
 * Core features read them here, decrypted, for the tenant they serve.
 */
@Component
public class CoreSettings {

    public static final String PREFIX = "core.";

    /** Every core field; a feature that needs a per-tenant setting adds its fields here. */
    static final List<ConfigField> FIELDS = List.of(
            ConfigField.url("core.realName.url", "实名认证服务地址", "Real-name verification endpoint"),
            ConfigField.text("core.realName.appKey", "实名认证应用标识", "Real-name verification app key"),
            ConfigField.secret("core.realName.appSecret", "实名认证应用密钥", "Real-name verification app secret"),
            ConfigField.text("core.sms.signName", "短信签名", "SMS sign name"));

    private final TenantSettings settings;

    CoreSettings(TenantSettings settings) {
        this.settings = settings;
    }

    /** The plugin's schema followed by the core fields. */
    static ConfigSchema withCore(ConfigSchema plugin) {
        List<ConfigField> fields = new ArrayList<>(plugin.fields());
        fields.addAll(FIELDS);
        return new ConfigSchema(fields);
    }

    /** The tenant's core settings in plain form (secrets opened): for core features only, never shown. */
    public ConfigValues of(String tenantCode) {
        Map<String, Object> core = new LinkedHashMap<>();
        settings.decryptedConfig(tenantCode).forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                core.put(name, value);
            }
        });
        return new ConfigValues(core);
    }
}
