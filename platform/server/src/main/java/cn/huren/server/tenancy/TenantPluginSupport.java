package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck;
import cn.huren.plugin.api.DemoTenant;
import cn.huren.server.database.SchemaMigrator.Changelog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What tenancy needs from the plugin host, implemented there, so that the dependency runs one
 * way (plugins → tenancy).
 */
public interface TenantPluginSupport {

    /** Whether the plugin is installed and started; empty if it is unknown. */
    Optional<Boolean> started(String pluginId);

    /** Why the plugin is not started, for the "service unavailable" answer. */
    String unavailableReason(String pluginId);

    ConfigSchema configSchema(String pluginId);

    /** Demo mode: the demo tenant each started plugin contributes, by plugin id in plugin-id order. */
    Map<String, DemoTenant> demoTenants();

    /** Demo mode: the API clients each demo tenant's plugin wants created (its sandboxes' webhooks), by demo tenant code. */
    default Map<String, List<cn.huren.plugin.api.DemoApiClient>> demoApiClients() {
        return Map.of();
    }

    /** What the plugin's own {@link ConfigurationCheck} finds missing in these values (beyond the schema's mandatory fields). */
    default List<ConfigurationCheck.Missing> configurationChecks(String pluginId, ConfigValues values) {
        return List.of();
    }

    /** The plugin's own changelogs for tenant schemas, applied after the core one. */
    List<Changelog> changelogs(String pluginId);
}
