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

    @Transactional(readOnly = true)
    public Map<String, Object> decryptedConfig(String tenantCode) {
        String stored = tenants.findByCode(tenantCode).map(Tenant::config)
                .orElseThrow(() -> new IllegalStateException("no tenant " + tenantCode));
        return codec.decrypted(tenantCode, stored);
    }
}
