package cn.huren.server.database;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Migrates the control schema before JPA or anything else touches it. */
@Configuration(proxyBeanMethods = false)
class PlatformSchemaMigration {

    static final String BEAN = "platformSchemaMigrated";

    @Bean(BEAN)
    InitializingBean platformSchemaMigration(SchemaMigrator migrator) {
        return () -> migrator.migrate(SchemaMigrator.PLATFORM_SCHEMA,
                List.of(new SchemaMigrator.Changelog("db/platform/changelog.yaml", PlatformSchemaMigration.class.getClassLoader())));
    }

    @Bean
    static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryAfterPlatformMigration() {
        return new EntityManagerFactoryDependsOnPostProcessor(BEAN);
    }
}
