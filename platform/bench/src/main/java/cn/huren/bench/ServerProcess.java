package cn.huren.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server as a child process, with its memory read from /proc (Linux). With
 * {@code SPRING_DATASOURCE_URL} (and {@code _USERNAME}, {@code _PASSWORD}, {@code HUREN_MASTER_KEY})
 * in the environment the server uses that PostgreSQL, the benchmarks seed and count through it, and
 * the database's CPU and memory are not measured (it may be on another machine).
 */
final class ServerProcess {

    /** The external database's URL, or null for the embedded one. */
    static final String EXTERNAL_URL = blankToNull(System.getenv("SPRING_DATASOURCE_URL"));
    /** Tenant codes of this run: an external database keeps earlier runs' tenants, so its codes get a suffix. */
    private static final String RUN_SUFFIX = EXTERNAL_URL == null ? ""
            : Long.toString(Math.floorMod(System.nanoTime(), 36L * 36 * 36 * 36) + 36L * 36 * 36 * 36, 36).substring(1);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final long startedAt;

    private ServerProcess(Process process, Path dataDir, Path log, long startedAt) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.startedAt = startedAt;
    }

    static ServerProcess start(Path jar, Path dataDir, int port, String xmx, String password) throws IOException {
        return start(jar, dataDir, port, xmx, password, true);
    }

    /** {@code durable}: the embedded PostgreSQL's fsync and synchronous commit (ignored with an external database). */
    static ServerProcess start(Path jar, Path dataDir, int port, String xmx, String password, boolean durable) throws IOException {
        return start(jar, dataDir, port, xmx, password, durable, List.of());
    }

    /** {@code settings}: more {@code --name=value} arguments for the server. */
    static ServerProcess start(Path jar, Path dataDir, int port, String xmx, String password, boolean durable, List<String> settings)
            throws IOException {
        try (java.net.Socket busy = new java.net.Socket("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is in use (a server left over from another run?); choose --port");
        } catch (java.net.ConnectException free) {
            // nothing listens there: ours will
        }
        Path log = dataDir.resolve("server-" + System.currentTimeMillis() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx));
        // e.g. -Dhuren.bench.serverJvmOptions=-XX:StartFlightRecording=filename=login.jfr to profile the server under load
        String extra = System.getProperty("huren.bench.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        // every benchmark client is 127.0.0.1, and LoginBench logins with one certificate some thousand times a second: the
        // server's login rate limits (huren.login.rate-limit.*, docs/login-limits.md) would measure the limiter, not the server
        command.addAll(List.of("--huren.login.rate-limit.per-certificate.logins=1000000000", "--huren.login.rate-limit.per-address.logins=1000000000"));
        command.addAll(settings);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HUREN_DATA_DIR", dataDir.toString());
        pb.environment().put("HUREN_ADMIN_PASSWORD", password);
        pb.environment().put("HUREN_DEMO", "false");
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("LIQUIBASE_ANALYTICS_ENABLED", "false");
        pb.environment().put("HUREN_EMBEDDED_DURABLE", Boolean.toString(durable));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.currentTimeMillis();
        Process process = pb.start();
        // a benchmark that fails or is interrupted does not leave its server running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new ServerProcess(process, dataDir, log, t0);
    }

    /**
     * {@code --durable on|off|both} (default both, the durable run first, so that one run shows what
     * durability costs); one run against an external database, whose settings are its own.
     */
    static List<Boolean> durabilities(String[] args) {
        if (external()) {
            return List.of(true);
        }
        return switch (OnboardingBench.arg(args, "--durable", "both")) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(true, false);
            default -> throw new IllegalArgumentException("--durable on|off|both");
        };
    }

    static boolean external() {
        return EXTERNAL_URL != null;
    }

    /** {@code base} as this run's tenant code (see {@link #RUN_SUFFIX}). */
    static String tenantCode(String base) {
        return base + RUN_SUFFIX;
    }

    /** What the figures ran on, for the heading of a benchmark's output. */
    static String databaseLabel(boolean durable) {
        return external() ? "external PostgreSQL (" + EXTERNAL_URL + ", its own durability settings)"
                : "embedded PostgreSQL, " + (durable ? "durable (fsync, synchronous commit on)" : "NOT durable (fsync, synchronous commit off)");
    }

    /** A connection to the server's database: the external one, or the embedded one as superuser. */
    java.sql.Connection database() throws java.sql.SQLException, IOException {
        if (external()) {
            return java.sql.DriverManager.getConnection(EXTERNAL_URL, System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", ""),
                    System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        }
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort() + "/postgres", "postgres", "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The embedded PostgreSQL's port, as the server logged it. */
    private int postgresPort() throws IOException {
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("Embedded PostgreSQL on port ");
            if (at >= 0) {
                return Integer.parseInt(line.substring(at + 28).split("\\D")[0]);
            }
        }
        throw new IllegalStateException("the server did not log its embedded PostgreSQL port");
    }

    long startedAt() {
        return startedAt;
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** CPU seconds the server JVM has used so far. */
    double serverCpuSeconds() {
        return cpuSeconds(process.pid());
    }

    /** CPU seconds the embedded PostgreSQL has used so far (its processes and the children they reaped). */
    double postgresCpuSeconds() throws IOException {
        double sum = 0;
        for (long pid : postgresPids()) {
            sum += cpuSeconds(pid);
        }
        return sum;
    }

    /** utime + stime + cutime + cstime from /proc/{pid}/stat, at the usual 100 ticks per second. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    long rssKb() throws IOException {
        return statusKb(process.pid(), "VmRSS:");
    }

    /** Proportional set size: shared buffers counted once across the postgres processes. */
    long postgresPssKb() throws IOException {
        long sum = 0;
        for (long pid : postgresPids()) {
            Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
            try {
                for (String line : Files.readAllLines(rollup)) {
                    if (line.startsWith("Pss:")) {
                        sum += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException gone) {
                // a backend that ended meanwhile
            }
        }
        return sum;
    }

    /** CPU time the server JVM and its PostgreSQL processes have used so far (user + system), in seconds: {jvm, postgres}. */
    double[] cpuSeconds() throws IOException {
        double jvm = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        double postgres = 0;
        for (long pid : postgresPids()) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
            } catch (IOException | RuntimeException gone) {
                // a backend that ended meanwhile
            }
        }
        return new double[] {jvm, postgres};
    }

    /**
     * CPU seconds of the server JVM's threads so far, by kind (from /proc/{pid}/task), user and
     * kernel apart: request threads (Tomcat's), the JIT compilers, the garbage collector, and the rest. Shows whether a
     * figure is the requests' own work or the JVM's around it.
     */
    java.util.Map<String, Double> jvmThreadCpuSeconds() throws IOException {
        java.util.Map<String, Double> byKind = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byKind.merge(threadKind(comm), Long.parseLong(f[11]) / 100.0, Double::sum);
                    byKind.merge(threadKind(comm) + " (kernel)", Long.parseLong(f[12]) / 100.0, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return byKind;
    }

    private static String threadKind(String comm) {
        if (comm.startsWith("http-nio")) {
            return "requests";
        }
        if (comm.contains("Compiler")) {
            return "JIT";
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "GC/VM";
        }
        return "other";
    }

    int postgresProcesses() throws IOException {
        return postgresPids().size();
    }

    private List<Long> postgresPids() throws IOException {
        if (external()) {
            return List.of();
        }
        String marker = dataDir.resolve("postgres").toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> cmdline(p).contains(marker) || parentIsPostmaster(p, marker))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean parentIsPostmaster(Path proc, String marker) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("PPid:")) {
                    return cmdline(Path.of("/proc", line.replaceAll("\\D", ""))).contains(marker);
                }
            }
        } catch (IOException | RuntimeException gone) {
            return false;
        }
        return false;
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
