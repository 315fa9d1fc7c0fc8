package cn.huren.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Onboards N tenants into a real server process (embedded PostgreSQL, fresh data directory),
 * then restarts it, and prints: onboarding time per tenant (median, p95), start time with N
 * tenants, heap used and resident memory of the server, and of the embedded PostgreSQL
 * separately, then runs the operator and tenant flows against the server holding N tenants.
 *
 * <p>Run from the repository root after {@code mvn -q -DskipTests package}:
 * {@code java -jar platform/bench/target/huren-bench.jar --tenants 200 --xmx 512m}
 */
public final class OnboardingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operator's password: the one a new database's first operator gets, or an external database's (HUREN_ADMIN_PASSWORD). */
    static final String PASSWORD = System.getenv().getOrDefault("HUREN_ADMIN_PASSWORD", "bench-password");
    private static final String CODE_PREFIX = ServerProcess.tenantCode("b");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    OnboardingBench(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int tenants = Integer.parseInt(arg(args, "--tenants", "200"));
        String xmx = arg(args, "--xmx", "512m");
        int port = Integer.parseInt(arg(args, "--port", "18181"));
        Path jar = Path.of(arg(args, "--jar", "platform/server/target/huren-server.jar"));
        for (boolean durable : ServerProcess.durabilities(args)) {
            run(tenants, xmx, port, jar, durable);
        }
    }

    private static void run(int tenants, String xmx, int port, Path jar, boolean durable) throws Exception {
        Path dataDir = Files.createTempDirectory("huren-bench");
        OnboardingBench bench = new OnboardingBench(port);

        System.out.printf(Locale.ROOT, "Huren onboarding benchmark: %d tenants, -Xmx%s, %d cores, %s, data in %s%n",
                tenants, xmx, Runtime.getRuntime().availableProcessors(), ServerProcess.databaseLabel(durable), dataDir);
        ServerProcess server = ServerProcess.start(jar, dataDir, port, xmx, PASSWORD, durable);

        System.out.printf(Locale.ROOT, "first start (empty, creates the database): %.1f s%n", bench.awaitUp(server) / 1000.0);
        CommitCost.print(server);

        List<Double> times = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            String code = String.format(Locale.ROOT, CODE_PREFIX + "%05d", i);
            long t0 = System.nanoTime();
            HttpResponse<String> r = bench.send("POST", "/api/platform/tenants", Map.of("code", code, "nameZh", "基准" + i,
                    "nameEn", "Bench " + i, "plugin", List.of("jiangsu", "shanxi", "neimenggu").get(i % 3),
                    "hosts", List.of(code + ".localhost"),
                    "config", i % 3 == 2 ? Map.of("regionCode", "150100") : Map.of()));
            times.add((System.nanoTime() - t0) / 1e6);
            if (r.statusCode() != 201) {
                throw new IllegalStateException("onboarding " + code + " failed: " + r.statusCode() + " " + r.body());
            }
        }
        System.out.printf(Locale.ROOT, "onboarding per tenant over HTTP: median %.0f ms, p95 %.0f ms, max %.0f ms%n",
                percentile(times, 50), percentile(times, 95), percentile(times, 100));
        bench.report(server, "after onboarding " + tenants);
        server.stop();

        server = ServerProcess.start(jar, dataDir, port, xmx, PASSWORD, durable);
        System.out.printf(Locale.ROOT, "restart with %d tenants: %.1f s to healthy%n", tenants, bench.awaitUp(server) / 1000.0);
        bench.report(server, "after restart");
        bench.flows(tenants);
        bench.report(server, "after flows");
        server.stop();
    }

    private void flows(int tenants) throws Exception {
        List<Double> list = new ArrayList<>();
        List<Double> search = new ArrayList<>();
        List<Double> tenantApi = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            list.add(timed("GET", "/api/platform/tenants?page=0&size=50", null, true));
            search.add(timed("GET", "/api/platform/tenants?q=bench%20" + (i * 7 % tenants), null, true));
            String code = String.format(Locale.ROOT, CODE_PREFIX + "%05d", i * 13 % tenants);
            String plugin = List.of("jiangsu", "shanxi", "neimenggu").get((i * 13 % tenants) % 3);
            tenantApi.add(timed("GET", "/api/t/" + code + "/plugins/" + plugin + "/info", null, false));
            timed("POST", "/api/platform/tenants/" + code + "/notices", Map.of("title", "t" + i, "body", "b"), true);
            timed("GET", "/api/t/" + code + "/notices", null, false);
            timed("POST", "/api/platform/tenants/" + code + "/suspend", null, true);
            timed("POST", "/api/platform/tenants/" + code + "/resume", null, true);
        }
        consolePages(tenants);
        System.out.printf(Locale.ROOT, "operator tenant list (page of 50, incl. Argon2 Basic auth): median %.1f ms%n", percentile(list, 50));
        System.out.printf(Locale.ROOT, "operator tenant search (incl. Argon2 Basic auth): median %.1f ms%n", percentile(search, 50));
        System.out.printf(Locale.ROOT, "tenant plugin endpoint (no auth): median %.1f ms, p95 %.1f ms%n",
                percentile(tenantApi, 50), percentile(tenantApi, 95));
    }

    /** The console as an operator's browser uses it: one form login, then page views on the session. */
    private void consolePages(int tenants) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the console login page");
        }
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + PASSWORD + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302 || !login.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new IllegalStateException("console login failed: " + login.statusCode());
        }
        List<Double> first = new ArrayList<>();
        List<Double> search = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(page(browser, "/console"));
            search.add(page(browser, "/console?q=" + String.format(Locale.ROOT, CODE_PREFIX + "%05d", i * 17 % tenants)));
        }
        System.out.printf(Locale.ROOT, "console tenant list page (first page of 50, session): median %.1f ms, p95 %.1f ms%n",
                percentile(first, 50), percentile(first, 95));
        System.out.printf(Locale.ROOT, "console tenant search page (session): median %.1f ms, p95 %.1f ms%n",
                percentile(search, 50), percentile(search, 95));
    }

    private double page(HttpClient browser, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("id=\"tenants\"")) {
            throw new IllegalStateException("console page " + path + " -> " + r.statusCode());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private double timed(String method, String path, Object body, boolean operator) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = operator ? send(method, path, body) : sendAnonymous(path);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    void report(ServerProcess server, String when) throws Exception {
        HttpResponse<String> r = send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null);
        double heap = JSON.readTree(r.body()).get("measurements").get(0).get("value").asDouble();
        System.out.printf(Locale.ROOT, "%s: server heap used %.0f MB, server RSS %.0f MB%s%n", when, heap / 1e6, server.rssKb() / 1024.0,
                ServerProcess.external() ? " (external PostgreSQL not measured)" : String.format(Locale.ROOT,
                        ", embedded PostgreSQL PSS %.0f MB (%d processes)", server.postgresPssKb() / 1024.0, server.postgresProcesses()));
    }

    long awaitUp(ServerProcess server) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!server.alive()) {
                throw new IllegalStateException("server exited; see " + server.log());
            }
            try {
                HttpResponse<String> r = sendAnonymous("/actuator/health");
                if (r.statusCode() == 200 && JSON.readTree(r.body()).get("status").asText().equals("UP")) {
                    return System.currentTimeMillis() - server.startedAt();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not healthy within 180 s; see " + server.log());
    }

    HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendAnonymous(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

}
