package cn.huren.plugin.api;

/**
 * Host service: the plugin configuration of the current tenant, secrets decrypted.
 * Plugins read it on use (not at start) so that operator changes apply at once.
 */
public interface PluginSettings {

    ConfigValues current();
}
