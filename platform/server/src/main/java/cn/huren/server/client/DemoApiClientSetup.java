package cn.huren.server.client;

import cn.huren.plugin.api.DemoApiClient;
import cn.huren.server.client.ApiClients.ClientView;
import cn.huren.server.client.ApiClients.IssuedClient;
import cn.huren.server.client.ApiClients.NewClient;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.tenancy.DemoTenantsReady;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantPluginSupport;
import cn.huren.server.tenancy.TenantService;
import cn.huren.server.tenancy.TenantSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode: the API clients a demo tenant's plugin asks for ({@code DemoTenantProvider.demoApiClients()}), usually
 * its sandbox of a trading system receiving addressed pushes, with the webhook on this server's own loopback origin.
 * Their id and secret go into the plugin configuration through the console's update (secrets sealed). At every start:
 * a client already in the configuration is kept (only its webhook follows the port); a secret cannot be read back, so
 * a client of that name that the configuration lacks gets a new secret rather than a twin.
 */
@Component
class DemoApiClientSetup {

    private static final Logger log = LoggerFactory.getLogger(DemoApiClientSetup.class);

    private final TenantPluginSupport plugins;
    private final TenantDirectory tenants;
    private final ApiClients clients;
    private final TenantSettings settings;
    private final TenantService tenantService;
    private final OperationLog operations;
    private final Environment env;

    DemoApiClientSetup(TenantPluginSupport plugins, TenantDirectory tenants, ApiClients clients, TenantSettings settings,
                       TenantService tenantService, OperationLog operations, Environment env) {
        this.plugins = plugins;
        this.tenants = tenants;
        this.clients = clients;
        this.settings = settings;
        this.tenantService = tenantService;
        this.operations = operations;
        this.env = env;
    }

    /** Published by demo mode's start (an application runner: the web server listens, its port is known). */
    @EventListener
    void demoTenantsReady(DemoTenantsReady event) {
        Map<String, List<DemoApiClient>> wanted = plugins.demoApiClients();
        for (String code : event.codes()) {
            List<DemoApiClient> list = wanted.getOrDefault(code, List.of());
            if (!list.isEmpty()) {
                try {
                    ensure(code, list, origin());
                } catch (RuntimeException e) {
                    // a sandbox's convenience: the tenant runs without it
                    log.warn("demo API clients of tenant {} not set up: {}", code, e.toString());
                }
            }
        }
    }

    /** This server's own loopback origin, e.g. {@code http://127.0.0.1:8080}. */
    String origin() {
        return "http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    }

    /** Creates (or keeps) each client of the tenant; returns the client ids by name. */
    Map<String, String> ensure(String code, List<DemoApiClient> wanted, String origin) {
        Map<String, String> ids = new LinkedHashMap<>();
        TenantContext.runAs(tenants.require(code), () -> {
            for (DemoApiClient client : wanted) {
                ids.put(client.name(), ensure(code, client, origin));
            }
        });
        return ids;
    }

    private String ensure(String code, DemoApiClient wanted, String origin) {
        Map<String, Object> config = settings.pluginConfig(code);
        NewClient request = new NewClient(wanted.name(), wanted.scopes(), origin + wanted.webhookPath(), List.of(), null);
        List<ClientView> existing = clients.list();
        String configuredId = text(config.get(wanted.clientIdField()));
        Optional<ClientView> configured = existing.stream().filter(c -> c.clientId().equals(configuredId)).findFirst();
        if (configured.isPresent() && (wanted.secretField() == null || text(config.get(wanted.secretField())) != null)) {
            if (!Objects.equals(configured.get().webhookUrl(), request.webhookUrl())) {
                clients.change(configured.get().clientId(), request); // another port than at the last start
            }
            return configured.get().clientId();
        }
        Optional<ClientView> named = existing.stream().filter(c -> c.name().equals(wanted.name())).findFirst();
        IssuedClient issued;
        if (named.isPresent()) {
            clients.change(named.get().clientId(), request);
            issued = clients.rotateSecret(named.get().clientId());
        } else {
            issued = clients.create(request);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(wanted.clientIdField(), issued.client().clientId());
        if (wanted.secretField() != null) {
            changes.put(wanted.secretField(), issued.secret());
        }
        operations.record("tenant.config", code, "demo API client " + wanted.name() + ": fields=" + changes.keySet(),
                () -> tenantService.reconfigure(code, changes));
        log.info("demo API client {} of tenant {} ready: {} → {}", wanted.name(), code, issued.client().clientId(), request.webhookUrl());
        return issued.client().clientId();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
