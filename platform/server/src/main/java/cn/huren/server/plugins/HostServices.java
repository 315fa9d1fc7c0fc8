package cn.huren.server.plugins;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.server.sync.Outbox;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantJdbc;
import cn.huren.server.tenancy.TenantSettings;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The whitelist: the only host objects a plugin's Spring context can inject. */
@Component
class HostServices {

    private final TenantJdbc tenantJdbc;
    private final TenantSettings settings;
    private final Outbox outbox;
    private final TransactionTemplate tx;

    HostServices(TenantJdbc tenantJdbc, TenantSettings settings, Outbox outbox, PlatformTransactionManager transactions) {
        this.tenantJdbc = tenantJdbc;
        this.settings = settings;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The plugin's own {@link SyncEvents}: its events are typed {@code <pluginId>.<name>}, and only a
     * tenant on the plugin can publish them.
     */
    SyncEvents syncEvents(String pluginId) {
        return event -> {
            TenantDescriptor tenant = TenantContext.require();
            if (!pluginId.equals(tenant.pluginId())) {
                throw new IllegalStateException("tenant " + tenant.code() + " is not on plugin " + pluginId);
            }
            return tx.execute(s -> outbox.publish(pluginId + "." + event.name(), event.orderingKey(), event.data()));
        };
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
