/**
 * The operator console's pages over the same services and rules as /api/platform.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"client", "notification", "operator", "plugins", "support", "sync", "tenancy"})
package cn.huren.server.console;
