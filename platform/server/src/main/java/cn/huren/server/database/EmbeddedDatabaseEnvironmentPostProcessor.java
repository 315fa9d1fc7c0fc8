package cn.huren.server.database;

import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured, starts a real embedded PostgreSQL 17 whose
 * data lives under {@code huren.data-dir} and points the data source at it. Runs before the
 * context exists so that every data-source consumer sees one ordinary JDBC URL.
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_FLAG = "huren.database.embedded";

    private final Log log;

    public EmbeddedDatabaseEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("huren.data-dir", "./data")).toAbsolutePath().normalize();
        boolean clean = env.getProperty("huren.embedded.clean-on-start", Boolean.class, false);
        // durable by default; only the test profile trades that for speed (huren.embedded.durable=false)
        boolean durable = env.getProperty("huren.embedded.durable", Boolean.class, true);
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), clean, durable);
        log.info("Embedded PostgreSQL on port " + db.port() + ", data in " + db.dataDirectory()
                + (durable ? " (durable: fsync, synchronous commit)" : " (NOT durable: fsync and synchronous commit off)"));
        env.getPropertySources().addFirst(new MapPropertySource("huren-embedded-postgres", Map.of(
                "spring.datasource.url", db.jdbcUrl(),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                EMBEDDED_FLAG, "true")));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
