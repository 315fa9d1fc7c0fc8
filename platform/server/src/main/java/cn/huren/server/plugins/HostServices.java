package cn.huren.server.plugins;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantJdbc;
import cn.huren.server.tenancy.TenantSettings;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The whitelist: the only host objects a plugin's Spring context can inject. */
@Component
class HostServices {

    private final TenantJdbc tenantJdbc;
    private final TenantSettings settings;

    HostServices(TenantJdbc tenantJdbc, TenantSettings settings) {
        this.tenantJdbc = tenantJdbc;
        this.settings = settings;
    }

    GenericApplicationContext parentContext() {
        GenericApplicationContext parent = new GenericApplicationContext();
        parent.setDisplayName("huren host services");
        CurrentTenant currentTenant = () -> TenantContext.current().map(TenantDescriptor::info);
        PluginSettings pluginSettings = () -> new ConfigValues(settings.decryptedConfig(currentTenant.require().code()));
        parent.registerBean(CurrentTenant.class, () -> currentTenant);
        parent.registerBean(PluginSettings.class, () -> pluginSettings);
        parent.registerBean(JdbcClient.class, tenantJdbc::client);
        parent.refresh();
        return parent;
    }
}
