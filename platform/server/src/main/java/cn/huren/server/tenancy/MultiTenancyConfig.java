package cn.huren.server.tenancy;

import cn.huren.server.database.SchemaMigrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

/**
 * Schema-per-tenant with Hibernate 6: the session's connection is switched to the current
 * tenant's schema and switched back to {@code platform} on release ({@link TenantConnections}).
 * The JPA transaction exposes that connection to JDBC, so {@link TenantData} joins it. Without a tenant the session works on {@code platform}, where
 * tenant tables do not exist, so a missing tenant fails instead of leaking.
 */
@Configuration(proxyBeanMethods = false)
class MultiTenancyConfig {

    @Bean
    HibernatePropertiesCustomizer schemaPerTenant(TenantConnections tenantConnections) {
        SchemaConnectionProvider connections = new SchemaConnectionProvider(tenantConnections);
        CurrentTenantIdentifierResolver<String> resolver = new CurrentTenantIdentifierResolver<>() {
            @Override
            public String resolveCurrentTenantIdentifier() {
                return TenantContext.current().map(TenantDescriptor::schema).orElse(SchemaMigrator.PLATFORM_SCHEMA);
            }

            @Override
            public boolean validateExistingCurrentSessions() {
                return true;
            }
        };
        return (Map<String, Object> properties) -> {
            properties.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, connections);
            properties.put(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
        };
    }

    /** Async work runs for the tenant that scheduled it. */
    @Bean
    TaskDecorator tenantTaskDecorator() {
        return TenantContext::wrap;
    }

    static final class SchemaConnectionProvider implements MultiTenantConnectionProvider<String> {

        private final transient TenantConnections connections;

        SchemaConnectionProvider(TenantConnections connections) {
            this.connections = connections;
        }

        @Override
        public Connection getAnyConnection() throws SQLException {
            return connections.pool().getConnection();
        }

        @Override
        public void releaseAnyConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public Connection getConnection(String schema) throws SQLException {
            return connections.open(schema);
        }

        @Override
        public void releaseConnection(String schema, Connection connection) throws SQLException {
            connections.close(connection);
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> unwrapType) {
            return unwrapType.isInstance(this);
        }

        @Override
        public <T> T unwrap(Class<T> unwrapType) {
            return unwrapType.cast(this);
        }
    }
}
