package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point (tenant lifecycle): the plugin's own tables. The host applies this Liquibase
 * changelog to the schema of every tenant assigned the plugin, when the tenant is onboarded
 * and at every start. JPA entities stay in the server; plugins use the tenant-bound
 * {@code JdbcClient} the host provides.
 */
public interface TenantSchemaContributor extends ExtensionPoint {

    /** Classpath location of the changelog inside the plugin jar; unique per plugin. */
    String changelog();
}
