package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.registry.Projects;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Signed requests of API clients: what is refused, and that a refused request changes nothing. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedRequestTest {

    static final String JS_USCC = TestIdentifiers.uscc("91320100MA1TR0001");
    static final String SX_USCC = TestIdentifiers.uscc("91140100MA1TR0002");

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Projects projects;

    @Autowired
    Attachments attachments;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    Nonces nonces;

    TenantDescriptor js;
    long trackRecord;
    SignedClient client;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("sgjs", "jiangsu", "sgjs.localhost"));
        op.post("/api/platform/tenants", Tenants.body("sgsx", "shanxi", "sgsx.localhost"));
        js = tenants.byCode("sgjs").orElseThrow();
        long party = RegisteredParties.enterprise(parties, js, JS_USCC, "江苏签名测试有限公司");
        RegisteredParties.enterprise(parties, tenants.byCode("sgsx").orElseThrow(), SX_USCC, "山西签名测试有限公司");
        trackRecord = TrackRecordFixture.completed(projects, attachments, js, party, "签名测试项目");
        client = SignedClient.create(port, "sgjs", Map.of("name", "南京市交易系统", "scopes", List.of("registry:read", "track-records:use")));
    }

    long uses() {
        return TenantContext.callAs(js, () -> ledger.history("track-record", Long.toString(trackRecord)).stream()
                .filter(e -> e.action().equals("USE")).count());
    }

    void assertRefused(SignedClient.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:" + kind);
        assertThat(reply.body()).doesNotContain(JS_USCC).doesNotContain(SX_USCC);
    }

    @Test
    @DisplayName("a signed request of the tenant's client reads a party by USCC; an unsigned one is 401 problem+json naming the scheme")
    void signedAndUnsigned() {
        SignedClient.Reply ok = client.get("/parties?uscc=" + JS_USCC);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("uscc").asText()).isEqualTo(JS_USCC);
        assertThat(ok.json().get("name").asText()).isEqualTo("江苏签名测试有限公司");

        SignedClient.Reply unsigned = client.unsigned("/parties?uscc=" + JS_USCC);
        assertRefused(unsigned, 401, "unauthenticated");
        assertThat(unsigned.headers().firstValue("WWW-Authenticate")).hasValue("Huren-HMAC-SHA256");

        SignedClient.Request partial = client.request("GET", "/parties?uscc=" + JS_USCC, null);
        partial.signature = " ";
        assertRefused(partial.send(), 401, "unauthenticated");
    }

    @Test
    @DisplayName("X-03, X-11: a bad signature, a changed body or query, a stale or future timestamp, a replayed nonce: 401 each, and no use is counted")
    void refusedChangeNothing() {
        long before = uses();

        SignedClient.Request wrongSecret = client.request("POST", "/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-r1"));
        wrongSecret.secret = "not-the-secret";
        assertRefused(wrongSecret.send(), 401, "signature-invalid");

        SignedClient.Request changedBody = client.request("POST", "/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-r2"));
        changedBody.signedBody = "{\"useId\":\"bid-other\"}";
        assertRefused(changedBody.send(), 401, "signature-invalid");

        SignedClient.Request changedQuery = client.request("GET", "/parties?uscc=" + JS_USCC, null);
        changedQuery.signature = changedQuery.sign();
        changedQuery.path = changedQuery.path.replace(JS_USCC, SX_USCC);
        assertRefused(changedQuery.send(), 401, "signature-invalid");

        for (long skew : List.of(-301L, 400L)) {
            SignedClient.Request stale = client.request("POST", "/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-r3"));
            stale.timestamp = Instant.now().getEpochSecond() + skew;
            assertRefused(stale.send(), 401, "timestamp-stale");
        }
        assertThat(uses()).isEqualTo(before);

        SignedClient.Request first = client.request("POST", "/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-r4"));
        first.signature = first.sign();
        assertThat(first.send().status()).isEqualTo(200);
        assertRefused(first.send(), 401, "nonce-replayed");
        SignedClient.Request sameNonce = client.request("POST", "/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-r5"));
        sameNonce.nonce = first.nonce;
        assertRefused(sameNonce.send(), 401, "nonce-replayed");
        assertThat(uses()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("X-03: a client without the endpoint's scope gets 403 and changes nothing")
    void scope() {
        SignedClient reader = SignedClient.create(port, "sgjs", Map.of("name", "只读", "scopes", List.of("registry:read")));
        long before = uses();

        SignedClient.Reply refused = reader.post("/track-records/" + trackRecord + "/uses", Map.of("useId", "bid-s1"));

        assertRefused(refused, 403, "insufficient-scope");
        assertThat(refused.json().get("detail").asText()).contains("track-records:use");
        assertThat(uses()).isEqualTo(before);
        assertRefused(reader.get("/certificates?serial=1A&issuer=CN%3DX"), 403, "insufficient-scope");
    }

    @Test
    @DisplayName("a js client gets nothing of sx: its id is unknown there (401), an sx party is not found through js (404), a js host with an sx path is refused")
    void tenantIsolation() {
        assertRefused(client.toTenant("sgsx").get("/parties?uscc=" + SX_USCC), 401, "client-unknown");
        assertRefused(client.get("/parties?uscc=" + SX_USCC), 404, "party-not-found");
        SignedClient sx = SignedClient.create(port, "sgsx", Map.of("name", "太原", "scopes", List.of("registry:read")));
        assertThat(sx.get("/parties?uscc=" + SX_USCC).status()).isEqualTo(200);
        assertRefused(sx.toTenant("sgjs").get("/parties?uscc=" + JS_USCC), 401, "client-unknown");
        assertThat(HttpApi.anonymous(port).host("sgjs.localhost").get("/api/t/sgsx/v1/parties?uscc=" + SX_USCC).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("over its rate a client gets 429 with Retry-After; other clients are not slowed")
    void rateLimit() {
        SignedClient slow = SignedClient.create(port, "sgjs", Map.of("name", "限速", "scopes", List.of("registry:read"),
                "rateLimit", Map.of("perSecond", 1, "burst", 2)));

        assertThat(slow.get("/parties?uscc=" + JS_USCC).status()).isEqualTo(200);
        assertThat(slow.get("/parties?uscc=" + JS_USCC).status()).isEqualTo(200);
        SignedClient.Reply limited = slow.get("/parties?uscc=" + JS_USCC);

        assertRefused(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(client.get("/parties?uscc=" + JS_USCC).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a nonce is kept until its request's timestamp could no longer pass, then purged")
    void noncePurge() {
        TenantContext.runAs(js, () -> {
            assertThat(nonces.claim("sgjs_purge", "nonce-expired-0001", Instant.now().minusSeconds(1))).isTrue();
            assertThat(nonces.claim("sgjs_purge", "nonce-expired-0001", Instant.now().plusSeconds(300))).isFalse();
            assertThat(nonces.claim("sgjs_purge", "nonce-current-0001", Instant.now().plusSeconds(300))).isTrue();

            assertThat(nonces.purgeExpired()).isGreaterThanOrEqualTo(1);

            assertThat(nonces.claim("sgjs_purge", "nonce-expired-0001", Instant.now().plusSeconds(300))).isTrue();
            assertThat(nonces.claim("sgjs_purge", "nonce-current-0001", Instant.now().plusSeconds(300))).isFalse();
        });
    }

    @Test
    @DisplayName("JS-46: the shell recipe of docs/trading-system-api.md (tools/signed-request.sh: openssl, sha256sum, curl) reads a party and reports a use")
    void shellRecipe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/usr/bin/openssl"))
                || System.getenv("CI") != null, "curl and openssl are not installed");
        JsonNode created = HttpApi.operator(port).post("/api/platform/tenants/sgjs/clients",
                Map.of("name", "无锡市交易系统", "scopes", List.of("registry:read", "track-records:use"))).json();
        String base = "http://127.0.0.1:" + port + "/api/t/sgjs/v1";
        long before = uses();

        JsonNode found = script(created, "GET", base + "/parties?uscc=" + JS_USCC);
        script(created, "POST", base + "/track-records/" + trackRecord + "/uses", "{\"useId\":\"WX-2024-1\"}");

        assertThat(found.get("uscc").asText()).isEqualTo(JS_USCC);
        assertThat(uses()).isEqualTo(before + 1);
    }

    static JsonNode script(JsonNode client, String... args) throws Exception {
        Path script = Path.of("../../tools/signed-request.sh").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("bash", script.toString())));
        pb.command().addAll(List.of(args));
        pb.environment().put("HUREN_CLIENT", client.get("clientId").asText());
        pb.environment().put("HUREN_SECRET", client.get("secret").asText());
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();
        JsonNode json = new ObjectMapper().readTree(output);
        assertThat(json.has("type")).as(output).isFalse();
        return json;
    }
}
