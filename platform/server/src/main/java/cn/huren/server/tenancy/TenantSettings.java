package cn.huren.server.tenancy;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The current tenant's plugin configuration in plain form, for the plugin host only. */
@Component
public class TenantSettings {

    private final TenantRepository tenants;
    private final PluginConfigCodec codec;

    TenantSettings(TenantRepository tenants, PluginConfigCodec codec) {
        this.tenants = tenants;
        this.codec = codec;
    }

    /** The plugin's own values only: the core's settings ({@link CoreSettings}, e.g. its real-name secret) never reach a plugin. */
    @Transactional(readOnly = true)
    public Map<String, Object> pluginConfig(String tenantCode) {
        Map<String, Object> values = new java.util.LinkedHashMap<>(decryptedConfig(tenantCode));
        values.keySet().removeIf(name -> name.startsWith(CoreSettings.PREFIX));
        return values;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> decryptedConfig(String tenantCode) {
        String stored = tenants.findByCode(tenantCode).map(Tenant::config)
                .orElseThrow(() -> new IllegalStateException("no tenant " + tenantCode));
        return codec.decrypted(tenantCode, stored);
    }
}
