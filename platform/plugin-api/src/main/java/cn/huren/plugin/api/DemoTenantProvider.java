package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point (demo mode only): the demo tenant of a region, configured for what the plugin
 * offers without real external systems (e.g. its sandboxes). The core knows no plugin's
 * configuration keys; a plugin without this extension gets no demo tenant.
 */
public interface DemoTenantProvider extends ExtensionPoint {

    DemoTenant demoTenant();
}
