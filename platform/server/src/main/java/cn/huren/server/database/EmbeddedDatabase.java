package cn.huren.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL per data directory per JVM: several Spring contexts in one test JVM
 * share it, and a restart of the server reuses the data on disk.
 */
final class EmbeddedDatabase {

    private static final Map<Path, EmbeddedDatabase> RUNNING = new ConcurrentHashMap<>();

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts (or reuses) the server on {@code dataDirectory}. Durable unless {@code durable} is false:
     * zonky's defaults are a test database's ({@code -F}, i.e. fsync off, and
     * {@code synchronous_commit=off}), under which a power loss can lose commits that were
     * acknowledged and corrupt the cluster. Its {@code -c} settings follow {@code -F} on the command
     * line, so they win.
     */
    static EmbeddedDatabase start(Path dataDirectory, boolean clean, boolean durable) {
        return RUNNING.computeIfAbsent(dataDirectory, dir -> launch(dir, clean, durable));
    }

    private static EmbeddedDatabase launch(Path dir, boolean clean, boolean durable) {
        try {
            if (clean) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            stopOrphanedPostmaster(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (durable) {
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres pg = builder.start();
            return new EmbeddedDatabase(pg, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * A server killed without shutdown leaves its postmaster running on the data directory. If no
     * live JVM holds the directory's lock, that postmaster is ours to stop.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockFile = dir.resolve("epg-lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("the data directory " + dir + " is in use by another Huren process");
            }
        }
        String firstLine;
        try (Stream<String> lines = Files.lines(pidFile)) {
            firstLine = lines.findFirst().orElse("").trim();
        }
        if (!firstLine.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Stops the server and forgets it (tests that start their own). */
    void stop() throws IOException {
        RUNNING.remove(dataDirectory, this);
        postgres.close();
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }
}
