package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One person acting for many enterprises (DESIGN.md: Keycloak Organizations' users ask for speed past 300
 * organisations). One verified account becomes the administrator of {@code --enterprises} enterprises through the real
 * path (letter upload, bank-transfer verification, the sandbox bank's transfer, confirmation); at 1, 10, 100, 300 and
 * the end, the median and p95 of {@code GET /me/enterprises} (the list with every membership) are printed next to
 * {@code GET /me/account} (one row) as the baseline of the same run, and the server's CPU per list request.
 */
public final class MembershipBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = ServerProcess.tenantCode("mbr");
    private static final int SAMPLES = 200;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    private MembershipBench() {
    }

    public static void main(String[] args) throws Exception {
        int enterprises = Integer.parseInt(OnboardingBench.arg(args, "--enterprises", "500"));
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", Integer.toString(LoginBench.freePort())));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        for (boolean durable : ServerProcess.durabilities(args)) {
            run(durable, enterprises, port, xmx, jar);
        }
    }

    private static void run(boolean durable, int enterprises, int port, String xmx, Path jar) throws Exception {
        OnboardingBench http = new OnboardingBench(port);
        // the set-up makes hundreds of uploads and bank checks for one person: the per-person limits would measure themselves
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-membership-bench"), port, xmx, OnboardingBench.PASSWORD,
                durable, List.of("--huren.sandboxes=true", "--huren.sms.provider=dev", "--huren.attachments.per-party-per-day=1000000",
                        "--huren.bank-transfer.attempts-per-day=1000000"));
        try {
            http.awaitUp(server);
            http.send("POST", "/api/platform/tenants", Map.of("code", TENANT, "nameZh", "基准", "nameEn", "Bench", "plugin", "shanxi"));
            System.out.printf(Locale.ROOT, "Huren membership benchmark: one person, up to %d enterprises, server -Xmx%s, %d cores, %s%n",
                    enterprises, xmx, Runtime.getRuntime().availableProcessors(), ServerProcess.databaseLabel(durable));
            HttpClient client = HttpClient.newHttpClient();
            AccountBench.CodeLog codes = new AccountBench.CodeLog(server.log());
            String mobile = "13900000001";
            AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/sms-codes", Map.of("phone", mobile, "purpose", "REGISTER"), null, 202);
            String token = AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/accounts",
                    Map.of("mobile", mobile, "code", codes.await(mobile), "privacyConsent", true), null, 201).get("token").asText();
            AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/me/account/real-name",
                    Map.of("method", "CFCA", "name", "基准人", "documentNumber", "110102199001010011"), token, 200);
            Set<Integer> marks = Set.of(1, 10, 100, 300, enterprises);
            System.out.printf(Locale.ROOT, "  %12s  %28s  %28s  %s%n", "enterprises", "GET /me/enterprises med/p95", "GET /me/account med/p95",
                    "server CPU per list");
            for (int i = 1; i <= enterprises; i++) {
                becomeAdmin(client, port, token, i);
                if (marks.contains(i)) {
                    measure(client, server, port, token, i);
                }
            }
            http.report(server, "after the membership runs");
        } finally {
            server.stop();
        }
    }

    /** The real path to ADMIN: the sealed letter, a verification, the sandbox bank's transfer of that amount, confirmation. */
    private static void becomeAdmin(HttpClient client, int port, String token, int i) throws Exception {
        String name = "基准企业" + i + "有限公司";
        String letter = upload(client, port, token).get("id").asText();
        JsonNode v = AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/me/bank-transfer-verifications", Map.of("enterpriseName", name,
                "uscc", uscc(i), "letterId", letter, "payerAccountLast6", "135790"), token, 201);
        AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/sandbox/bank/transfers", Map.of("payerAccountLast6", "135790", "payerName", name,
                "amountFen", v.get("amountFen").asLong()), null, 201);
        AccountBench.send(client, port, "POST", "/api/t/" + TENANT + "/me/bank-transfer-verifications/" + v.get("id").asLong() + "/confirmation",
                Map.of("termsAccepted", true), token, 200);
    }

    private static void measure(HttpClient client, ServerProcess server, int port, String token, int count) throws Exception {
        for (int i = 0; i < 50; i++) { // warm-up
            get(client, port, "/api/t/" + TENANT + "/me/enterprises", token);
            get(client, port, "/api/t/" + TENANT + "/me/account", token);
        }
        List<Double> list = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        double[] cpu0 = server.cpuSeconds();
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            JsonNode mine = get(client, port, "/api/t/" + TENANT + "/me/enterprises", token);
            list.add((System.nanoTime() - t0) / 1e6);
            if (mine.size() != count) {
                throw new IllegalStateException("expected " + count + " enterprises, got " + mine.size());
            }
        }
        double[] cpu1 = server.cpuSeconds();
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            get(client, port, "/api/t/" + TENANT + "/me/account", token);
            one.add((System.nanoTime() - t0) / 1e6);
        }
        System.out.printf(Locale.ROOT, "  %12d  %17.2f / %6.2f ms  %17.2f / %6.2f ms  %.2f ms%n", count, OnboardingBench.percentile(list, 50),
                OnboardingBench.percentile(list, 95), OnboardingBench.percentile(one, 50), OnboardingBench.percentile(one, 95),
                1000 * (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) / SAMPLES);
    }

    /** A valid USCC (GB 32100) numbered {@code i}. */
    static String uscc(int i) {
        String first17 = String.format(Locale.ROOT, "91140100M%08d", i);
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += alphabet.indexOf(first17.charAt(k)) * weights[k];
        }
        return first17 + alphabet.charAt((31 - sum % 31) % 31);
    }

    private static JsonNode upload(HttpClient client, int port, String token) throws Exception {
        String boundary = "bench-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(PNG);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me/letters"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static JsonNode get(HttpClient client, int port, String path, String token) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
