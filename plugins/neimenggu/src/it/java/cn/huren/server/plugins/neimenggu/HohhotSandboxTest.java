package cn.huren.server.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sandbox of Hohhot's platform (docs/openapi/hohhot-platform.yaml) over real HTTP: activation, the integrity copy,
 * the refused edit, the sync webhook's checks and decisions, the "received" page, and where it does not exist.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HohhotSandboxTest {

    static final String API = "/api/t/hhsb/plugins/neimenggu/sandbox/hohhot/";
    static final String SECRET = "it-sync-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body("hhsb", "neimenggu"), "config",
                Map.of("regionCode", "150100", "hohhotSandbox", true, "hohhotApiKey", "it-key", "hohhotSandboxSyncSecret", SECRET,
                        "hohhotSyncClientId", "hhsb-not-a-client"))).status())
                .isEqualTo(201);
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body("hhsc", "neimenggu"), "config", Map.of("regionCode", "150100"))).status()).isEqualTo(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @DisplayName("NMG-12: activation with the API key gives an account; a second activation of the party returns the same account and time")
    void activationIsIdempotent() throws Exception {
        HttpResponse<String> first = call("POST", API + "members/activations", "it-key", activation("party-101", "15010219900101123X", "aa"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode account = JSON.readTree(first.body());
        assertThat(account.get("account").asText()).isEqualTo("HHHT-000101");
        assertThat(Instant.parse(account.get("activatedAt").asText())).isBeforeOrEqualTo(Instant.now().plusSeconds(1));

        HttpResponse<String> second = call("POST", API + "members/activations", "it-key", activation("party-101", "15010219900101123X", "bb"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body())).isEqualTo(account);

        assertThat(call("POST", API + "members/activations", "wrong-key", activation("party-102", "150102199001011234", "aa")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> invalid = call("POST", API + "members/activations", "it-key", "{\"partyRef\":\"party-103\",\"kind\":\"NATURAL_PERSON\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("invalid-activation");
        assertThat(call("GET", API + "members/party-102/integrity", "it-key", null).statusCode()).as("the refused one was not activated").isEqualTo(404);
    }

    @Test
    @DisplayName("a party ref of 19 digits (beyond a long) is refused 400 by the activation and 404 by the integrity copy, never a 500")
    void overlongPartyRefRefused() throws Exception {
        HttpResponse<String> activation = call("POST", API + "members/activations", "it-key",
                activation("party-9999999999999999999", "150102199001019999", "ab"));
        assertThat(activation.statusCode()).as(activation.body()).isEqualTo(400);
        assertThat(call("GET", API + "members/party-9999999999999999999/integrity", "it-key", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", API + "members/activations", "it-key", activation("party-999999999999999999", "150102199001019998", "ab"))
                .statusCode()).as("18 digits is a party ref").isEqualTo(200);
    }

    @Test
    @DisplayName("NMG-17, X-10: Hohhot's integrity copy is read-only: its edit is refused with 409 integrity-read-only naming the 主体库, nothing changes")
    void editRefused() throws Exception {
        call("POST", API + "members/activations", "it-key", activation("party-111", "150102199001011111", "cc"));
        HttpResponse<String> edit = call("PUT", API + "members/party-111/integrity", null, "{\"fields\":{\"name\":\"改名\"}}");

        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(edit.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(edit.body());
        assertThat(problem.get("type").asText()).isEqualTo("integrity-read-only");
        assertThat(problem.get("detail").asText()).contains("自治区公共资源交易主体信息库");
        JsonNode copy = JSON.readTree(call("GET", API + "members/party-111/integrity", "it-key", null).body());
        assertThat(copy.get("synced").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("X-03: the sync webhook applies a signed delivery once: a redelivery under the same Idempotency-Key and an older version are received but not applied")
    void webhookAppliesOnceAndNewerOnly() throws Exception {
        call("POST", API + "members/activations", "it-key", activation("party-121", "150102199001012222", "dd"));
        String key = UUID.randomUUID().toString();
        String v5 = delivery(key, "party-121", 5, "北京路 5 号");

        HttpResponse<String> applied = deliver(key, v5, SECRET, Instant.now());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(JSON.readTree(applied.body()).get("applied").asBoolean()).isTrue();

        HttpResponse<String> again = deliver(key, v5, SECRET, Instant.now());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();

        String olderKey = UUID.randomUUID().toString();
        HttpResponse<String> older = deliver(olderKey, delivery(olderKey, "party-121", 4, "旧地址"), SECRET, Instant.now());
        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(older.body()).get("applied").asBoolean()).isFalse();
        assertThat(JSON.readTree(older.body()).get("version").asLong()).isEqualTo(5);

        JsonNode copy = JSON.readTree(call("GET", API + "members/party-121/integrity", "it-key", null).body());
        assertThat(copy.get("synced").asBoolean()).isTrue();
        assertThat(copy.get("version").asLong()).isEqualTo(5);
        assertThat(copy.get("snapshot").get("fields").get("address").asText()).isEqualTo("北京路 5 号");
        assertThat(copy.get("digest").asText()).isEqualTo(JSON.readTree(v5).get("data").get("digest").asText());

        String page = HttpApi.anonymous(port).browser().get(API + "received").body();
        assertThat(page).contains("HHHT-000121", key, olderKey, "APPLIED", "DUPLICATE", "NOT_NEWER");
        assertThat(count(page, key)).as("both deliveries of the key are listed").isEqualTo(2);
    }

    @Test
    @DisplayName("X-03: the webhook refuses a wrong signature, a stale timestamp (a replay 10 minutes later) and a digest that is not the snapshot's; each is still listed as received")
    void webhookRefusals() throws Exception {
        call("POST", API + "members/activations", "it-key", activation("party-131", "150102199001013333", "ee"));
        String key = UUID.randomUUID().toString();
        String body = delivery(key, "party-131", 1, "某路 1 号");

        HttpResponse<String> forged = deliver(key, body, "not-the-secret", Instant.now());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("signature-invalid");

        Instant sent = Instant.now();
        clock.move(Duration.ofMinutes(10));
        HttpResponse<String> replayed = deliver(key, body, SECRET, sent);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("timestamp-stale");
        clock.reset();

        String tamperedKey = UUID.randomUUID().toString();
        String tampered = delivery(tamperedKey, "party-131", 2, "某路 2 号").replace("某路 2 号", "某路 3 号");
        HttpResponse<String> mismatch = deliver(tamperedKey, tampered, SECRET, Instant.now());
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("digest-mismatch");

        assertThat(JSON.readTree(call("GET", API + "members/party-131/integrity", "it-key", null).body()).get("synced").asBoolean()).isFalse();
        HttpResponse<String> accepted = deliver(key, body, SECRET, Instant.now());
        assertThat(accepted.statusCode()).as("the refused key is not taken: its genuine delivery applies").isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).get("applied").asBoolean()).isTrue();

        String page = HttpApi.anonymous(port).browser().get(API + "received").body();
        assertThat(page).contains("SIGNATURE_INVALID", "STALE", "DIGEST_MISMATCH");
    }

    @Test
    @DisplayName("X-03: while the sandbox plays an outage every call and delivery gets 503; once back, the retried delivery applies once")
    void outage() throws Exception {
        call("POST", API + "members/activations", "it-key", activation("party-151", "150102199001015151", "ab"));
        String key = UUID.randomUUID().toString();
        String body = delivery(key, "party-151", 1, "停电路 1 号");
        try {
            assertThat(form(API + "outage", Map.of("down", "true")).statusCode()).isEqualTo(303);
            assertThat(HttpApi.anonymous(port).browser().get(API + "received").body()).contains("id=\"outage-end\"");
            assertThat(deliver(key, body, SECRET, Instant.now()).statusCode()).isEqualTo(503);
            assertThat(call("GET", API + "members/party-151/integrity", "it-key", null).statusCode()).isEqualTo(503);
        } finally {
            form(API + "outage", Map.of("down", "false"));
        }
        HttpResponse<String> retried = deliver(key, body, SECRET, Instant.now());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("applied").asBoolean()).isTrue();
        assertThat(JSON.readTree(deliver(key, body, SECRET, Instant.now()).body()).get("duplicate").asBoolean()).isTrue();
        assertThat(HttpApi.anonymous(port).browser().get(API + "received").body()).contains("UNAVAILABLE", "id=\"outage-start\"");
    }

    @Test
    @DisplayName("the received page escapes what it shows: a party name with markup is text")
    void receivedPageEscapes() throws Exception {
        String body = activation("party-141", "150102199001014444", "ff").replace("\"王测试\"", "\"<script>alert(1)</script>\"");
        assertThat(call("POST", API + "members/activations", "it-key", body).statusCode()).isEqualTo(200);

        String page = HttpApi.anonymous(port).browser().get(API + "received").body();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(page).doesNotContain("150102199001014444").contains("1501**********4444");
    }

    @Test
    @DisplayName("NMG-01: the sandbox does not exist (404) for a tenant that did not turn it on")
    void notThere() throws Exception {
        String other = "/api/t/hhsc/plugins/neimenggu/sandbox/hohhot/";
        assertThat(HttpApi.anonymous(port).get(other + "received").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get(other + "login").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get(other + "member-login").status()).isEqualTo(404);
        assertThat(call("POST", other + "members/activations", HohhotKey.SANDBOX, activation("party-1", "150102199001011234", "aa")).statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", other + "members/party-1/integrity", null, "{}").statusCode()).isEqualTo(404);
        String key = UUID.randomUUID().toString();
        assertThat(deliver(other + "integrity-webhook", key, delivery(key, "party-1", 1, "x"), SECRET, Instant.now()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the member client's key login checks the key's signature over its own challenge (once) before asking the plugin; a refusal is shown, no login")
    void memberClientLogin() throws Exception {
        DemoCertificateAuthority ca = DemoCertificateAuthority.root("Hohhot member CA", KeyAlgorithm.SM2);
        DemoCertificateAuthority.Issued key = ca.issue(DemoCertificateAuthority.Subject.of("王测试", null, Map.of("1.2.156.10260.4.1.4", "150102199001015555")));
        HttpResponse<String> loginPage = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + API + "member-login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String page = loginPage.body();
        assertThat(page).contains("会员端登录", "id=\"sign-in-with-key\"", "/js/local-signer.js", "member-login.js").doesNotContain("<script>");
        assertThat(loginPage.headers().allValues("Content-Security-Policy")).as("one policy: the portal's plus the local signer")
                .containsExactly("default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
                        + "connect-src 'self' http://127.0.0.1:18765; frame-ancestors 'none'; form-action 'self'");
        assertThat(HttpApi.anonymous(port).get(API + "member-login.js").body()).contains("HurenSigner.sign");
        String nonce = page.replaceAll("(?s).*name=\"nonce\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> forged = form(API + "member-login", Map.of("nonce", nonce, "certificate", key.pem(),
                "signature", HolderSignatures.sign(key, "another challenge")));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("CA 锁签名验证未通过").doesNotContain("已登录");

        String fresh = HttpApi.anonymous(port).browser().get(API + "member-login").body()
                .replaceAll("(?s).*name=\"nonce\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> refused = form(API + "member-login", Map.of("nonce", fresh, "certificate", key.pem(),
                "signature", HolderSignatures.sign(key, fresh)));
        assertThat(refused.statusCode()).as("signature good; the plugin does not know this caller or key").isEqualTo(400);
        assertThat(refused.body()).contains("不能登录").doesNotContain("已登录");
        HttpResponse<String> reused = form(API + "member-login", Map.of("nonce", fresh, "certificate", key.pem(),
                "signature", HolderSignatures.sign(key, fresh)));
        assertThat(reused.body()).as("a challenge is used once").contains("登录请求无效或已超时");
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The key the sandbox expects when the tenant configured none. */
    static final class HohhotKey {
        static final String SANDBOX = "hohhot-sandbox";
    }

    private HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/json")
                .header("Content-Type", "application/json").header("X-Huren-Tenant", path.split("/")[3])
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String key, String body, String secret, Instant at) throws Exception {
        return deliver(API + "integrity-webhook", key, body, secret, at);
    }

    /** As the outbox sends: Idempotency-Key, timestamp and sha256=base64(HMAC(secret, "{ts}.{body}")). */
    private HttpResponse<String> deliver(String path, String key, String body, String secret, Instant at) throws Exception {
        String ts = Long.toString(at.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).header("X-Huren-Event-Id", key).header("X-Huren-Event-Type", "neimenggu.integrity.sync")
                .header("X-Huren-Timestamp", ts).header("X-Huren-Delivery-Attempt", "1").header("X-Huren-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String activation(String partyRef, String residentId, String fingerprintByte) {
        return """
                {"partyRef":"%s","kind":"NATURAL_PERSON","name":"王测试","residentId":"%s","contact":{"mobile":"13800000000"},
                 "certificate":{"serial":"1A2B","fingerprint":"%s"}}""".formatted(partyRef, residentId, fingerprintByte.repeat(32));
    }

    /** An outbox event of the contract, its digest computed as the contract says (canonical JSON, members sorted). */
    private static String delivery(String id, String partyRef, long version, String address) throws Exception {
        Map<String, Object> snapshot = new TreeMap<>();
        snapshot.put("kind", "NATURAL_PERSON");
        snapshot.put("name", "王测试");
        snapshot.put("identifier", "150102199001012222");
        snapshot.put("fields", new TreeMap<>(Map.of("address", address, "phone", "13800000000")));
        snapshot.put("documents", List.of(new TreeMap<>(Map.of("id", "d1", "category", "ID_CARD_FRONT", "fileName", "front.png", "size", 10,
                "sha256", "ab".repeat(32)))));
        snapshot.put("records", List.of());
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(snapshot)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partyRef", partyRef);
        data.put("version", version);
        data.put("digest", digest);
        data.put("snapshot", snapshot);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", "neimenggu.integrity.sync");
        event.put("tenant", "hhsb");
        event.put("orderingKey", partyRef);
        event.put("sequence", version);
        event.put("occurredAt", Instant.now().toString());
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
