package cn.huren.server.oidc;

import cn.huren.plugin.api.DemoRelyingParty;
import cn.huren.plugin.api.DemoTenantProvider;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.tenancy.DemoTenantsReady;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode: the relying parties a demo tenant's plugin declares ({@link DemoTenantProvider#demoRelyingParties()},
 * usually its sandbox of another platform) are registered as public clients (PKCE) at paths on the tenant's portal
 * origin, listed in the picker as declared and in that order, and the client id goes into the plugin's configuration
 * field through the operators' configuration update (checked and stored as theirs). Across restarts the client
 * registered under the same name is kept.
 */
@Component
class DemoRelyingParties {

    private static final Logger log = LoggerFactory.getLogger(DemoRelyingParties.class);

    private final InstalledPlugins plugins;
    private final TenantDirectory tenants;
    private final RelyingParties relyingParties;
    private final TenantService tenantService;
    private final OperationLog operations;
    private final Environment env;

    DemoRelyingParties(InstalledPlugins plugins, TenantDirectory tenants, RelyingParties relyingParties, TenantService tenantService,
                       OperationLog operations, Environment env) {
        this.plugins = plugins;
        this.tenants = tenants;
        this.relyingParties = relyingParties;
        this.tenantService = tenantService;
        this.operations = operations;
        this.env = env;
    }

    @EventListener
    void demoTenantsReady(DemoTenantsReady event) {
        for (String code : event.codes()) {
            tenants.byCode(code).filter(t -> t.pluginId() != null).ifPresent(tenant -> {
                List<DemoRelyingParty> declared = plugins.extensions(DemoTenantProvider.class, tenant.pluginId()).stream().findFirst()
                        .map(DemoTenantProvider::demoRelyingParties).orElse(List.of());
                for (int i = 0; i < declared.size(); i++) {
                    try {
                        register(tenant, declared.get(i), i);
                    } catch (RuntimeException e) {
                        // a demo convenience: the tenant runs without it
                        log.warn("demo relying party {} of tenant {} not registered: {}", declared.get(i).name(), code, e.toString());
                    }
                }
            });
        }
    }

    /** Registers one (or keeps the one registered before) and writes its client id into the plugin's field. */
    String register(TenantDescriptor tenant, DemoRelyingParty declared, int order) {
        String origin = "http://" + tenant.hosts().get(0) + ":" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String clientId = TenantContext.callAs(tenant, () -> relyingParties.clientIdNamed(declared.name()).orElseGet(() ->
                operations.record("oidc-client.create", tenant.code(), "name=" + declared.name() + " (demo)", () ->
                        relyingParties.create(new RelyingParties.NewRelyingParty(declared.name(), List.of(origin + declared.redirectPath()),
                                null, true, declared.listed(), origin + declared.initiateLoginPath(), order)).client().clientId())));
        String field = declared.clientIdField();
        if (field != null && !field.isBlank()
                && !Objects.equals(tenantService.get(tenant.code()).config().get(field), clientId)) {
            operations.record("tenant.config", tenant.code(), "fields=[" + field + "] (demo relying party)",
                    () -> tenantService.reconfigure(tenant.code(), Map.of(field, clientId)));
        }
        log.info("demo relying party {} of tenant {}: client {} at {}", declared.name(), tenant.code(), clientId, origin);
        return clientId;
    }
}
