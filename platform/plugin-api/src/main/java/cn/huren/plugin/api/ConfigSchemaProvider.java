package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/** Extension point: declares the plugin's per-tenant configuration. One per plugin. */
public interface ConfigSchemaProvider extends ExtensionPoint {

    ConfigSchema configSchema();
}
