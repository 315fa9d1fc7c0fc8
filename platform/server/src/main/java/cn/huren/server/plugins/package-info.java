/**
 * The plugin host: PF4J, a Spring child context per plugin, the services the host offers plugins, forced-prefix
 * plugin routes, plugin status per tenant.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"database", "ledger", "party", "review", "smscode", "support", "sync", "tenancy"})
package cn.huren.server.plugins;
