/**
 * Tenants: resolution of the tenant of a request (host or path), schema-per-tenant data access, onboarding,
 * the tenant directory and cache, configuration secrets, demo tenants.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"database", "operator", "support"})
package cn.huren.server.tenancy;
