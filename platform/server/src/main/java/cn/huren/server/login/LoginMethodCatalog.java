package cn.huren.server.login;

import cn.huren.plugin.api.LoginMethod;
import cn.huren.plugin.api.LoginMethodProvider;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every login method a tenant's portal offers: the core's, then those its plugin contributes. */
@Component
public class LoginMethodCatalog {

    /** A method with the link that starts it on this portal. */
    public record Entry(LoginMethod method, String href, String source) {
    }

    private final DefaultLoginMethods core;
    private final InstalledPlugins plugins;

    LoginMethodCatalog(DefaultLoginMethods core, InstalledPlugins plugins) {
        this.core = core;
        this.plugins = plugins;
    }

    /** @param base the portal's path prefix: empty when reached by host name, {@code /t/{code}} by path */
    public List<Entry> forTenant(TenantDescriptor tenant, String base) {
        List<Entry> entries = new ArrayList<>();
        core.loginMethods(tenant.info()).forEach(m -> entries.add(new Entry(m, base + m.startPath(), "core")));
        for (LoginMethodProvider provider : plugins.extensions(LoginMethodProvider.class, tenant.pluginId())) {
            provider.loginMethods(tenant.info()).forEach(m -> entries.add(new Entry(m,
                    "/api/t/" + tenant.code() + "/plugins/" + tenant.pluginId() + "/" + m.startPath(), tenant.pluginId())));
        }
        return entries;
    }
}
