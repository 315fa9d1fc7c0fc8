/**
 * The embedded PostgreSQL bootstrap (durable), Liquibase's {@code SchemaMigrator} and the text guard every write
 * passes (characters PostgreSQL refuses, column lengths from the catalogue).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"support"})
package cn.huren.server.database;
