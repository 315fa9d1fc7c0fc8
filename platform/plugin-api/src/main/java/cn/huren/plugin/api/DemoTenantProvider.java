package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point (demo mode only): the demo tenant of a region, configured for what the plugin
 * offers without real external systems (e.g. its sandboxes). The core knows no plugin's
 * configuration keys; a plugin without this extension gets no demo tenant.
 */
public interface DemoTenantProvider extends ExtensionPoint {

    DemoTenant demoTenant();

    /** Relying parties demo mode registers for the demo tenant (e.g. a sandbox platform); none by default. */
    default java.util.List<DemoRelyingParty> demoRelyingParties() {
        return java.util.List.of();
    }

    /** API clients demo mode creates for the demo tenant (e.g. a sandbox receiving pushes); none by default. */
    default java.util.List<DemoApiClient> demoApiClients() {
        return java.util.List.of();
    }
}
