package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry at scale through the trading-system API: seeds N parties (default 100,000) with four
 * records each into one tenant ({@link RegistrySeed}), then drives signed v1 requests from C
 * concurrent clients (default 200, a fixed thread pool) against a -Xmx512m server: party lookup by
 * USCC and a party's record list, each saturated (every client sends its next request as soon as
 * the last one is answered) and paced (a fixed total rate, latency counted from the scheduled send).
 * Each run reports the server's CPU (JVM and PostgreSQL, from /proc) per request; at the end an SM2
 * certificate login is measured on the same server ({@link LoginBench#sm2Login}) and each run's CPU
 * per request is printed as a ratio to one login's (the goal: at most 1).
 *
 * <p>{@code java -cp "platform/bench/target/huren-bench.jar:platform/bench/target/lib/*" cn.huren.bench.RegistryBench}
 */
public final class RegistryBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every request here is a GET: the SHA-256 of an empty body. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    record Client(String id, byte[] key) {
    }

    private final ServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final List<Client> clients = new ArrayList<>();

    private RegistryBench(int port, ServerProcess server) {
        this.port = port;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int parties = Integer.parseInt(OnboardingBench.arg(args, "--parties", "100000"));
        int concurrency = Integer.parseInt(OnboardingBench.arg(args, "--clients", "200"));
        int seconds = Integer.parseInt(OnboardingBench.arg(args, "--seconds", "20"));
        int pacedRate = Integer.parseInt(OnboardingBench.arg(args, "--paced-rate", "200"));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", "18187"));
        int loginSeconds = Integer.parseInt(OnboardingBench.arg(args, "--login-seconds", "10"));
        int warmup = Integer.parseInt(OnboardingBench.arg(args, "--warmup", "10"));
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        OnboardingBench operator = new OnboardingBench(port);
        String code = ServerProcess.tenantCode("reg");

        System.out.printf(Locale.ROOT, "Huren registry API benchmark: %,d parties, %d concurrent clients, -Xmx%s, %d cores%n",
                parties, concurrency, xmx, Runtime.getRuntime().availableProcessors());
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-registry-bench"), port, xmx, OnboardingBench.PASSWORD);
        operator.awaitUp(server);
        RegistryBench bench = new RegistryBench(port, server);
        check(operator.send("POST", "/api/platform/tenants", Map.of("code", code, "nameZh", "主体库", "nameEn", "Registry",
                "plugin", "jiangsu")));
        long t0 = System.nanoTime();
        long records = RegistrySeed.seed(server, "tenant_" + code, parties);
        System.out.printf(Locale.ROOT, "seeded %,d parties and %,d records with COPY in %.1f s%n", parties, records,
                (System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = check(operator.send("POST", "/api/platform/tenants/" + code + "/clients", Map.of("name", "交易系统 " + i,
                    "scopes", List.of("registry:read"), "rateLimit", Map.of("perSecond", 100_000, "burst", 100_000))));
            JsonNode c = JSON.readTree(created.body());
            bench.clients.add(new Client(c.get("clientId").asText(), c.get("secret").asText().getBytes(StandardCharsets.UTF_8)));
        }

        IntFunction<String> lookup = n -> "/api/t/" + code + "/v1/parties?uscc=" + RegistrySeed.uscc(n % parties);
        IntFunction<String> recordList = n -> "/api/t/" + code + "/v1/parties/" + (n % parties + 1) + "/records/qualification";
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        // the JIT compiles meanwhile: its CPU would otherwise count against the first measured runs
        bench.run(pool, concurrency, warmup, 0, lookup, "warm-up (lookups)");
        bench.run(pool, concurrency, warmup, 0, recordList, "warm-up (record lists)");
        List<Result> results = List.of(
                bench.run(pool, concurrency, seconds, 0, lookup, "party by USCC, saturated"),
                bench.run(pool, concurrency, seconds, pacedRate, lookup, "party by USCC, paced"),
                bench.run(pool, concurrency, seconds, 0, recordList, "record list (3 SUBMITTED of 4), saturated"),
                bench.run(pool, concurrency, seconds, pacedRate, recordList, "record list (3 SUBMITTED of 4), paced"));
        pool.shutdown();
        // the yardstick, on the same server in the same run: one certificate login's server CPU
        LoginBench.Run login = LoginBench.sm2Login(operator, server, port, loginSeconds, 4);
        System.out.printf(Locale.ROOT, "%-45s %,7.0f /s, server CPU %.2f ms/login (JVM %.2f + PostgreSQL %.2f)%n",
                "SM2 certificate login, same certificate (4 clients):", login.perSecond(), login.serverCpuMs(), login.jvmCpuMs(),
                login.postgresCpuMs());
        System.out.println();
        System.out.println("server CPU (JVM + PostgreSQL) per request against one SM2 login in this run (goal: ratio <= 1); paced p99 (goal < 50 ms):");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "  %-45s %.2f ms / %.2f ms = ratio %.2f%s%n", r.label() + ":", r.serverCpuMs(), login.serverCpuMs(),
                    r.serverCpuMs() / login.serverCpuMs(), r.paced() ? String.format(Locale.ROOT, "   p99 %.1f ms", r.p99()) : "");
        }
        operator.report(server, "after the registry flows");
        server.stop();
    }

    /** One run: requests per second, p99, and the server's CPU (JVM, PostgreSQL) per request in milliseconds. */
    record Result(String label, boolean paced, double perSecond, double p99, double jvmCpuMs, double postgresCpuMs) {

        double serverCpuMs() {
            return jvmCpuMs + postgresCpuMs;
        }
    }

    /** Runs C clients for the given seconds; {@code rate} 0 = saturated, else that many requests per second in total. */
    private Result run(ExecutorService pool, int concurrency, int seconds, int rate, IntFunction<String> path, String label)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long intervalNanos = rate == 0 ? 0 : concurrency * 1_000_000_000L / rate;
        AtomicLong failures = new AtomicLong();
        List<Future<List<Double>>> results = new ArrayList<>();
        double[] cpu = cpu();
        Map<String, Double> threads = server.jvmThreadCpuSeconds();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Client client = clients.get(w % clients.size());
            long offset = intervalNanos * w / concurrency;
            results.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>();
                long next = start + offset;
                while (true) {
                    if (intervalNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    long sent = intervalNanos > 0 ? next : System.nanoTime();
                    if (sent >= end) {
                        return latencies;
                    }
                    int status = get(client, path.apply(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)));
                    latencies.add((System.nanoTime() - sent) / 1e6);
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                    next += intervalNanos;
                }
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> r : results) {
            all.addAll(r.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-45s %,7d requests, %,6.0f /s, p50 %6.1f ms, p95 %6.1f ms, p99 %6.1f ms, max %6.1f ms, %d not 200%n",
                label + ":", all.size(), all.size() / elapsed, OnboardingBench.percentile(all, 50), OnboardingBench.percentile(all, 95),
                OnboardingBench.percentile(all, 99), OnboardingBench.percentile(all, 100), failures.get());
        double[] used = cpu();
        Map<String, Double> threadsUsed = server.jvmThreadCpuSeconds();
        System.out.printf(Locale.ROOT, "%-45s server %.0f %%, PostgreSQL %.0f %%, this client %.0f %% of one core%n", "  CPU:",
                100 * (used[0] - cpu[0]) / elapsed, 100 * (used[1] - cpu[1]) / elapsed, 100 * (used[2] - cpu[2]) / elapsed);
        double jvmMs = 1000 * (used[0] - cpu[0]) / all.size();
        double postgresMs = 1000 * (used[1] - cpu[1]) / all.size();
        StringBuilder byKind = new StringBuilder();
        threadsUsed.forEach((kind, seconds2) -> byKind.append(String.format(Locale.ROOT, ", %s %.2f", kind,
                1000 * (seconds2 - threads.getOrDefault(kind, 0.0)) / all.size())));
        System.out.printf(Locale.ROOT, "%-45s %.2f ms (JVM %.2f + PostgreSQL %.2f); JVM threads%s%n", "  server CPU per request:",
                jvmMs + postgresMs, jvmMs, postgresMs, byKind);
        return new Result(label, rate > 0, all.size() / elapsed, OnboardingBench.percentile(all, 99), jvmMs, postgresMs);
    }

    /** CPU seconds so far: server, PostgreSQL, this benchmark's own JVM. */
    private double[] cpu() throws Exception {
        double self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double[] jvmAndPostgres = server.cpuSeconds(); // measured as LoginBench measures a login
        return new double[] {jvmAndPostgres[0], jvmAndPostgres[1], self};
    }

    /** A signed GET, the way docs/trading-system-api.md tells integrators to sign. */
    private int get(Client client, String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        String canonical = String.join("\n", "GET", uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(), EMPTY_SHA256,
                timestamp, nonce);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(client.key(), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(uri).header("X-Huren-Client", client.id()).header("X-Huren-Timestamp", timestamp)
                .header("X-Huren-Nonce", nonce)
                .header("X-Huren-Signature", Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("expected HTTP 201, got " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
