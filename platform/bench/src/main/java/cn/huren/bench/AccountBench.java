package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Account login (mobile number + password, APP-04) against the Argon2 work alone, and the SMS code round trip.
 *
 * <p>Password logins: {@code --clients} kept-alive clients log {@code --accounts} accounts in for {@code --seconds}
 * after a warm-up; printed are logins per second and the server's CPU per login. In the same run, with the server
 * idle, the bench's own JVM checks the same password against an Argon2 hash made with the server's parameters
 * ({@code Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8}) on as many threads as there are cores: the
 * ceiling a password login can reach on this machine. The ratio of the two says what the rest of a login costs.
 *
 * <p>SMS round trip: one client, one new number at a time: issue a REGISTER code ({@code POST /sms-codes}), read it
 * from the dev sink's log line (not timed), register with it ({@code POST /accounts}, which verifies the code and
 * opens a session); latency percentiles of both requests and the server's CPU per round trip.
 */
public final class AccountBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = ServerProcess.tenantCode("acct");
    private static final String PASSWORD = "bench-pass-1234";
    private static final long WARMUP_MS = 5_000;

    private AccountBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(OnboardingBench.arg(args, "--seconds", "10"));
        int clients = Integer.parseInt(OnboardingBench.arg(args, "--clients", "4"));
        int accounts = Integer.parseInt(OnboardingBench.arg(args, "--accounts", "16"));
        int roundTrips = Integer.parseInt(OnboardingBench.arg(args, "--round-trips", "200"));
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", Integer.toString(LoginBench.freePort())));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        for (boolean durable : ServerProcess.durabilities(args)) {
            run(durable, seconds, clients, accounts, roundTrips, port, xmx, jar);
        }
    }

    private static void run(boolean durable, int seconds, int clients, int accounts, int roundTrips, int port, String xmx, Path jar)
            throws Exception {
        OnboardingBench http = new OnboardingBench(port);
        // the dev SMS sink logs each code (that is how this bench reads them); one address sends every code here, so the
        // per-address code limit would measure the limiter
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-account-bench"), port, xmx, OnboardingBench.PASSWORD,
                durable, List.of("--huren.sandboxes=true", "--huren.sms.provider=dev", "--huren.sms.codes.per-address-per-hour=1000000000"));
        try {
            http.awaitUp(server);
            http.send("POST", "/api/platform/tenants", Map.of("code", TENANT, "nameZh", "基准", "nameEn", "Bench", "plugin", "jiangsu"));
            System.out.printf(Locale.ROOT, "Huren account benchmark: %d s per run, %d concurrent clients, %d accounts, server -Xmx%s, %d cores, %s%n",
                    seconds, clients, accounts, xmx, Runtime.getRuntime().availableProcessors(), ServerProcess.databaseLabel(durable));
            CodeLog codes = new CodeLog(server.log());
            HttpClient client = HttpClient.newHttpClient();
            List<String> mobiles = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                String mobile = String.format(Locale.ROOT, "1390000%04d", i);
                String token = register(client, port, codes, mobile);
                post(client, port, "/api/t/" + TENANT + "/sms-codes", Map.of("phone", mobile, "purpose", "SET_PASSWORD"), null, 202);
                send(client, port, "PUT", "/api/t/" + TENANT + "/me/account/password",
                        Map.of("code", codes.await(mobile), "newPassword", PASSWORD), token, 204);
                mobiles.add(mobile);
            }
            passwordLogins(server, port, mobiles, 3, clients); // the JIT compiles the path first
            Run logins = passwordLogins(server, port, mobiles, seconds, clients);
            double argon2 = argon2Rate(seconds);
            System.out.printf(Locale.ROOT, "  password login over HTTP: %,7.1f /s   server CPU %.1f ms/login (JVM %.1f + PostgreSQL %.1f)%n",
                    logins.perSecond(), logins.jvmCpuMs() + logins.postgresCpuMs(), logins.jvmCpuMs(), logins.postgresCpuMs());
            System.out.printf(Locale.ROOT, "  Argon2 check alone (%d threads, same parameters, bench JVM): %,7.1f /s%n",
                    Runtime.getRuntime().availableProcessors(), argon2);
            System.out.printf(Locale.ROOT, "  ratio login / Argon2 alone: %.2f%n", logins.perSecond() / argon2);
            roundTrips(client, server, port, codes, roundTrips);
            http.report(server, "after the account runs");
        } finally {
            server.stop();
        }
    }

    record Run(double perSecond, double jvmCpuMs, double postgresCpuMs) {
    }

    private static Run passwordLogins(ServerProcess server, int port, List<String> mobiles, int seconds, int clients) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long warmupUntil = System.nanoTime() + WARMUP_MS * 1_000_000L;
        long end = warmupUntil + seconds * 1_000_000_000L;
        double[][] cpuAtStart = new double[1][];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        java.util.concurrent.ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            Future<?> meter = clock.schedule(() -> {
                cpuAtStart[0] = server.cpuSeconds();
                return null;
            }, WARMUP_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    try (KeepAliveHttp http = new KeepAliveHttp("127.0.0.1", port)) {
                        while (System.nanoTime() < end) {
                            String mobile = mobiles.get((int) (next.getAndIncrement() % mobiles.size()));
                            KeepAliveHttp.Response r = http.post("/api/t/" + TENANT + "/account-sessions", JSON.writeValueAsString(
                                    Map.of("mobile", mobile, "password", PASSWORD, "privacyConsent", true)));
                            if (r.status() != 201) {
                                throw new IllegalStateException("login answered " + r.status() + ": " + r.body());
                            }
                            if (System.nanoTime() > warmupUntil) {
                                ok.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            meter.get();
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            clock.shutdownNow();
        }
        double[] cpu = server.cpuSeconds();
        long n = ok.get();
        return new Run(n / (double) seconds, 1000 * (cpu[0] - cpuAtStart[0][0]) / n, 1000 * (cpu[1] - cpuAtStart[0][1]) / n);
    }

    /** Argon2 checks of one password per second on every core, with the parameters the server hashes with. */
    static double argon2Rate(int seconds) throws Exception {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        String hash = argon2.encode(PASSWORD);
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < 20; i++) { // warm-up
            argon2.matches(PASSWORD, hash);
        }
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (!argon2.matches(PASSWORD, hash)) {
                            throw new IllegalStateException("Argon2 did not match");
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void roundTrips(HttpClient client, ServerProcess server, int port, CodeLog codes, int count) throws Exception {
        List<Double> issue = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // warm-up
            register(client, port, codes, String.format(Locale.ROOT, "1370000%04d", i));
        }
        double[] cpu0 = server.cpuSeconds();
        for (int i = 0; i < count; i++) {
            String mobile = String.format(Locale.ROOT, "1380000%04d", i);
            long t0 = System.nanoTime();
            post(client, port, "/api/t/" + TENANT + "/sms-codes", Map.of("phone", mobile, "purpose", "REGISTER"), null, 202);
            issue.add((System.nanoTime() - t0) / 1e6);
            String code = codes.await(mobile);
            long t1 = System.nanoTime();
            post(client, port, "/api/t/" + TENANT + "/accounts", Map.of("mobile", mobile, "code", code, "privacyConsent", true), null, 201);
            verify.add((System.nanoTime() - t1) / 1e6);
        }
        double[] cpu = server.cpuSeconds();
        List<Double> both = new ArrayList<>();
        for (int i = 0; i < issue.size(); i++) {
            both.add(issue.get(i) + verify.get(i));
        }
        System.out.printf(Locale.ROOT, "  SMS code round trip (%d new numbers, one client): issue median %.1f ms p99 %.1f ms; register with the code "
                        + "median %.1f ms p99 %.1f ms; both median %.1f ms p99 %.1f ms; server CPU %.1f ms per round trip (JVM %.1f + PostgreSQL %.1f)%n",
                count, OnboardingBench.percentile(issue, 50), OnboardingBench.percentile(issue, 99), OnboardingBench.percentile(verify, 50),
                OnboardingBench.percentile(verify, 99), OnboardingBench.percentile(both, 50), OnboardingBench.percentile(both, 99),
                1000 * (cpu[0] - cpu0[0] + cpu[1] - cpu0[1]) / count, 1000 * (cpu[0] - cpu0[0]) / count, 1000 * (cpu[1] - cpu0[1]) / count);
    }

    /** Registers {@code mobile} with a REGISTER code; the session's token. */
    private static String register(HttpClient client, int port, CodeLog codes, String mobile) throws Exception {
        post(client, port, "/api/t/" + TENANT + "/sms-codes", Map.of("phone", mobile, "purpose", "REGISTER"), null, 202);
        JsonNode session = post(client, port, "/api/t/" + TENANT + "/accounts",
                Map.of("mobile", mobile, "code", codes.await(mobile), "privacyConsent", true), null, 201);
        return session.get("token").asText();
    }

    private static JsonNode post(HttpClient client, int port, String path, Object body, String token, int expected) throws Exception {
        return send(client, port, "POST", path, body, token, expected);
    }

    /** One JSON request of a person's session ({@code token}, or none); refuses any other status than {@code expected}. */
    static JsonNode send(HttpClient client, int port, String method, String path, Object body, String token, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /** The codes the dev SMS sink logged, read from the server's log as they arrive. */
    static final class CodeLog {

        private static final Pattern LINE = Pattern.compile("DEV SMS \\(not sent\\) tenant \\S+ to (\\d+) .*code=(\\d{6})");

        private final Path log;
        private long offset;
        private final Map<String, String> latest = new java.util.HashMap<>();

        CodeLog(Path log) {
            this.log = log;
        }

        /** The latest code sent to {@code mobile} since the last call for it (polls the log for up to 10 s). */
        String await(String mobile) throws Exception {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                read();
                String code = latest.remove(mobile);
                if (code != null) {
                    return code;
                }
                Thread.onSpinWait();
            }
            throw new IllegalStateException("no SMS code for " + mobile + " in " + log);
        }

        private void read() throws Exception {
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
                if (file.length() <= offset) {
                    return;
                }
                file.seek(offset);
                byte[] bytes = new byte[(int) (file.length() - offset)];
                file.readFully(bytes);
                String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                int lastNewline = text.lastIndexOf('\n');
                if (lastNewline < 0) {
                    return;
                }
                offset += text.substring(0, lastNewline + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                Matcher m = LINE.matcher(text.substring(0, lastNewline + 1));
                while (m.find()) {
                    latest.put(m.group(1), m.group(2));
                }
            }
        }
    }
}
