/**
 * Huren plugin API: extension points and the value types they exchange. Plugins depend on this
 * module only, with {@code provided} scope.
 *
 * <p>A plugin is a PF4J plugin whose {@code Plugin-Class} package is scanned into a Spring child
 * context. The parent context offers only these host services: {@link cn.huren.plugin.api.CurrentTenant},
 * {@link cn.huren.plugin.api.PluginSettings}, {@link cn.huren.plugin.api.SyncEvents} (its regional pushes through the
 * tenant's outbox) and a {@code JdbcClient} bound to the current tenant's
 * schema. {@code @RestController}s of the plugin are mounted under
 * {@code /api/t/{tenant}/plugins/{pluginId}/} and answer only for tenants assigned the plugin.
 */
package cn.huren.plugin.api;
