/**
 * Huren plugin API: extension points and the value types they exchange. Plugins depend on this
 * module only, with {@code provided} scope.
 *
 * <p>A plugin is a PF4J plugin whose {@code Plugin-Class} package is scanned into a Spring child
 * context. The parent context offers only these host services: {@link cn.huren.plugin.api.CurrentTenant},
 * {@link cn.huren.plugin.api.PluginSettings}, a {@code JdbcClient} bound to the current tenant's
 * schema, {@link cn.huren.plugin.api.SyncEvents} (its regional pushes through the tenant's outbox),
 * {@link cn.huren.plugin.api.PortalSignIn} (end an external login in the browser),
 * {@link cn.huren.plugin.api.ApiCallers} (the trading system calling), {@link cn.huren.plugin.api.TrackRecordUses}
 * (JS-46 use reports), {@link cn.huren.plugin.api.HostEnvironment} (whether sandboxes may answer),
 * {@link cn.huren.plugin.api.SmsSender} and {@link cn.huren.plugin.api.RealNameVerifier} (real-name checks of a person
 * through the current tenant's provider) and {@link cn.huren.plugin.api.BankTransferVerifier} (whether the tenant's
 * collection account received a bank transfer, 对公打款认证).
 * Extensions the host calls: login methods, recognised CAs, configuration schema, tenant changelogs,
 * demo tenants ({@link cn.huren.plugin.api.DemoTenantProvider}) and {@link cn.huren.plugin.api.CoreEventListener}
 * (core changes, in their transaction, typed by {@link cn.huren.plugin.api.CoreEventTypes} and
 * {@link cn.huren.plugin.api.CoreEventData}). {@code @RestController}s of the plugin are mounted under
 * {@code /api/t/{tenant}/plugins/{pluginId}/} and answer only for tenants assigned the plugin.
 */
package cn.huren.plugin.api;
