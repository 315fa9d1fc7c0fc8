package cn.huren.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded PostgreSQL that users run by default keeps every commit it acknowledged. It starts PostgreSQL: an integration test. */
@Tag("integration")
class EmbeddedDatabaseDurabilityTest {

    @Test
    @DisplayName("with nothing configured, the embedded PostgreSQL runs durable: fsync, synchronous commit and full-page writes on")
    void durableByDefault(@TempDir Path dataDir) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("huren.data-dir", dataDir.toString())));
        new EmbeddedDatabaseEnvironmentPostProcessor(java.util.function.Supplier::get).postProcessEnvironment(env, new SpringApplication());
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), false, true);
        try {
            assertThat(env.getProperty("spring.datasource.url")).isEqualTo(db.jdbcUrl());
            assertThat(settings(db)).containsExactly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"),
                    Map.entry("full_page_writes", "on"));
        } finally {
            db.stop();
        }
    }

    @Test
    @DisplayName("only when asked (huren.embedded.durable=false, the test profile) does it trade durability for speed")
    void fastWhenAsked(@TempDir Path dataDir) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), false, false);
        try {
            assertThat(settings(db)).containsEntry("fsync", "off").containsEntry("synchronous_commit", "off");
        } finally {
            db.stop();
        }
    }

    private static Map<String, String> settings(EmbeddedDatabase db) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
            for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }
}
