package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The Inner Mongolia plugin's person-facing reads against the core's own. A tenant on the neimenggu plugin (Hohhot's
 * sandbox on, the demo CA) gets {@code --persons} natural persons, each with a demo-CA SM2 certificate enrolled from a
 * CSR, bound through the plugin (自然人绑定: SMS code from the dev sink's log line, then the binding), signed in again
 * with the certificate, with basic information filled and 提交信息 passed. Then, in rounds that alternate the kinds (a
 * shared machine drifts), each person's certificate session sends {@code --requests} sequential kept-alive requests of
 * each kind: {@code GET /me} (the core's party read, the baseline), {@code GET /plugins/neimenggu/me/progress} and
 * {@code POST /plugins/neimenggu/me/registry/submission} (validation over the registry snapshot; already passed, so no
 * write). Printed: median and p95 latency and the server's CPU (JVM + PostgreSQL) per request of each kind.
 */
public final class NeimengguBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String TENANT = ServerProcess.tenantCode("nmgb");
    private static final int ROUNDS = 4;

    record Person(KeyPair key, String certificate, String token) {
    }

    record Kind(String label, String method, String path) {
    }

    private NeimengguBench() {
    }

    public static void main(String[] args) throws Exception {
        int persons = Integer.parseInt(OnboardingBench.arg(args, "--persons", "50"));
        int requests = Integer.parseInt(OnboardingBench.arg(args, "--requests", "400"));
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", Integer.toString(LoginBench.freePort())));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        for (boolean durable : ServerProcess.durabilities(args)) {
            run(durable, persons, requests, port, xmx, jar);
        }
    }

    private static void run(boolean durable, int persons, int requests, int port, String xmx, Path jar) throws Exception {
        OnboardingBench http = new OnboardingBench(port);
        // plugin jars from plugins/*/target (the server is run from the repository root); the dev SMS sink logs each code,
        // which is how the binding's code is read; one address asks for every code
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-neimenggu-bench"), port, xmx, OnboardingBench.PASSWORD,
                durable, List.of("--huren.sandboxes=true", "--huren.demo-ca.enabled=true", "--huren.sms.provider=dev",
                        "--huren.sms.codes.per-address-per-hour=1000000000"));
        try {
            http.awaitUp(server);
            Map<String, Object> tenant = new LinkedHashMap<>(Map.of("code", TENANT, "nameZh", "内蒙古基准", "nameEn", "Inner Mongolia bench",
                    "plugin", "neimenggu"));
            tenant.put("config", Map.of("regionCode", "150100", "hohhotSandbox", true, "hohhotOidcClientId", "hohhot-bench-rp",
                    "hohhotSyncClientId", "hohhot-bench-sync"));
            expect(http.send("POST", "/api/platform/tenants", tenant), 201);
            expect(http.send("POST", "/api/platform/tenants/" + TENANT + "/demo-ca", null), 200);
            System.out.printf(Locale.ROOT, "Huren Inner Mongolia plugin benchmark: %d persons x %d sequential kept-alive requests per kind, "
                            + "server -Xmx%s, %d cores, %s%n", persons, requests, xmx, Runtime.getRuntime().availableProcessors(),
                    ServerProcess.databaseLabel(durable));
            HttpClient client = HttpClient.newHttpClient();
            AccountBench.CodeLog codes = new AccountBench.CodeLog(server.log());
            List<Person> people = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 1; i <= persons; i++) {
                people.add(prepare(client, port, codes, i));
            }
            System.out.printf(Locale.ROOT, "  prepared %d bound, validated persons in %.1f s%n", persons, (System.nanoTime() - t0) / 1e9);
            String plugin = "/api/t/" + TENANT + "/plugins/neimenggu";
            List<Kind> kinds = List.of(new Kind("GET /me (core, baseline)", "GET", "/api/t/" + TENANT + "/me"),
                    new Kind("GET plugins/neimenggu/me/progress", "GET", plugin + "/me/progress"),
                    new Kind("POST plugins/neimenggu/me/registry/submission", "POST", plugin + "/me/registry/submission"));
            Map<Kind, List<Double>> times = new LinkedHashMap<>();
            Map<Kind, double[]> cpu = new LinkedHashMap<>();
            try (KeepAliveHttp keepAlive = new KeepAliveHttp("127.0.0.1", port)) {
                for (Kind kind : kinds) { // warm-up: the JIT compiles every path first
                    for (int i = 0; i < 2_000; i++) {
                        call(keepAlive, kind, people.get(i % people.size()));
                    }
                    times.put(kind, new ArrayList<>());
                    cpu.put(kind, new double[2]);
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (Kind kind : kinds) {
                        double[] before = server.cpuSeconds();
                        for (Person p : people) {
                            for (int i = 0; i < requests / ROUNDS; i++) {
                                long s = System.nanoTime();
                                call(keepAlive, kind, p);
                                times.get(kind).add((System.nanoTime() - s) / 1e6);
                            }
                        }
                        double[] after = server.cpuSeconds();
                        cpu.get(kind)[0] += after[0] - before[0];
                        cpu.get(kind)[1] += after[1] - before[1];
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  %-46s  %9s  %18s  %s%n", "request", "n", "median / p95", "server CPU per request (JVM + PostgreSQL)");
            for (Kind kind : kinds) {
                List<Double> t = times.get(kind);
                double[] c = cpu.get(kind);
                System.out.printf(Locale.ROOT, "  %-46s  %9d  %7.2f / %6.2f ms  %.2f ms (%.2f + %.2f)%n", kind.label(), t.size(),
                        OnboardingBench.percentile(t, 50), OnboardingBench.percentile(t, 95), 1000 * (c[0] + c[1]) / t.size(),
                        1000 * c[0] / t.size(), 1000 * c[1] / t.size());
            }
            http.report(server, "after the runs");
        } finally {
            server.stop();
        }
    }

    private static void call(KeepAliveHttp keepAlive, Kind kind, Person p) throws Exception {
        KeepAliveHttp.Response r = keepAlive.send(kind.method(), kind.path(), kind.method().equals("POST") ? "{}" : null, p.token());
        if (r.status() != 200) {
            throw new IllegalStateException(kind.method() + " " + kind.path() + " answered " + r.status() + ": " + r.body());
        }
    }

    /** Person {@code n}: demo-CA SM2 certificate, signed in, bound (SMS code), signed in again, basic information, 提交信息. */
    private static Person prepare(HttpClient client, int port, AccountBench.CodeLog codes, int n) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        KeyPair key = generator.generateKeyPair();
        String residentId = residentId(n);
        String name = "蒙基准" + n;
        String mobile = String.format(Locale.ROOT, "137%08d", 60_000_000 + n);
        String email = "b" + mobile + "@example.com";
        Map<String, Object> enrollment = new LinkedHashMap<>();
        enrollment.put("csr", csr(key));
        enrollment.put("kind", "PERSON");
        enrollment.put("identifier", residentId);
        enrollment.put("name", name);
        String certificate = AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/demo-ca/certificates", enrollment, null, 201)
                .get("certificate").asText();
        String token = login(client, port, key, certificate);
        String plugin = "/api/t/" + TENANT + "/plugins/neimenggu";
        AccountBench.send(client, port, "POST", plugin + "/me/binding/code", Map.of("mobile", mobile), token, 202);
        AccountBench.send(client, port, "POST", plugin + "/me/binding", Map.of("mobile", mobile, "code", codes.await(mobile), "email", email),
                token, 201);
        token = login(client, port, key, certificate); // a session that knows the party the binding registered
        AccountBench.send(client, port, "PUT", "/api/t/" + TENANT + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市赛罕区基准路 " + n + " 号", "contactName", name, "contactPhone", mobile, "email", email), token, 200);
        AccountBench.send(client, port, "POST", plugin + "/me/registry/submission", Map.of(), token, 200);
        JsonNode progress = AccountBench.send(client, port, "GET", plugin + "/me/progress", null, token, 200);
        if (progress.get("steps").size() != 4 || !"HOHHOT".equals(progress.get("current").asText())) {
            throw new IllegalStateException("person " + n + " is not at the Hohhot step: " + progress);
        }
        return new Person(key, certificate, token);
    }

    /** Challenge, SM2 signature, response (TOKEN mode): the certificate session's bearer token. */
    private static String login(HttpClient client, int port, KeyPair key, String certificate) throws Exception {
        JsonNode c = AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/login/challenges", Map.of("mode", "TOKEN"), null, 201);
        Signature signer = Signature.getInstance("SM3withSM2", BC);
        signer.initSign(key.getPrivate());
        signer.update(c.get("message").asText().getBytes(StandardCharsets.UTF_8));
        return AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", certificate, "signature", Base64.getEncoder().encodeToString(signer.sign())), null, 200).get("token").asText();
    }

    private static String csr(KeyPair key) throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=ignored by the CA"), key.getPublic())
                .build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(key.getPrivate())).getEncoded();
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    /** A valid resident ID (GB 11643) of Hohhot, numbered {@code n} (unique below 1000). */
    static String residentId(int n) {
        String base = String.format(Locale.ROOT, "150105198%01d%02d%02d%03d", n / 1000 % 10, 1 + n % 12, 1 + n % 28, n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (base.charAt(i) - '0') * weights[i];
        }
        return base + "10X98765432".charAt(sum % 11);
    }

    private static void expect(java.net.http.HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
