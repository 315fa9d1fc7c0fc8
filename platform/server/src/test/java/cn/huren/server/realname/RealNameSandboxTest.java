package cn.huren.server.realname;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.AccountSessionFixture.Opened;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.Tenants;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/** The sandbox provider (huren.sandboxes): a tenant without a provider URL is verified by it, over the real contract. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealNameSandboxTest {

    static final String TENANT = "rns";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestClock clock;
    @Autowired
    RealNameSandbox.Credentials sandbox;

    AccountSessionFixture accounts;
    PartyClient client;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        client = new PartyClient(port);
    }

    HttpResponse<String> verify(Opened account, Map<String, Object> body) throws Exception {
        return client.call("POST", TENANT, "/account/real-name", account.token(), body);
    }

    static Map<String, Object> body(String method, String name, String number) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", method);
        body.put("name", name);
        body.put("documentType", "RESIDENT_ID");
        body.put("documentNumber", number);
        return body;
    }

    @Test
    @DisplayName("the sandbox answers MATCH for well-formed data of each method, MISMATCH for a name with 不符, a face token with "
            + "'mismatch' or a card mobile ending in 0000")
    void verdicts() throws Exception {
        Map<String, Object> face = body("ALIPAY_FACE", "沙盒甲", RealNamesTest.withCheck("32010219800101201"));
        face.put("faceToken", "sandbox-face-ok");
        HttpResponse<String> matched = verify(accounts.open(TENANT), face);
        assertThat(matched.statusCode()).as(matched.body()).isEqualTo(200);
        assertThat(PartyClient.json(matched).get("name").asText()).isEqualTo("沙盒甲");

        HttpResponse<String> identity = verify(accounts.open(TENANT), body("CFCA", "沙盒乙", RealNamesTest.withCheck("32010219800101202")));
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(200);

        Map<String, Object> card = body("BANK_CARD", "沙盒丙", RealNamesTest.withCheck("32010219800101203"));
        card.put("cardNumber", "6222020200112233446");
        card.put("cardMobile", "13812345678");
        HttpResponse<String> cardMatched = verify(accounts.open(TENANT), card);
        assertThat(cardMatched.statusCode()).as(cardMatched.body()).isEqualTo(200);

        String id = RealNamesTest.withCheck("32010219800101204");
        assertThat(verify(accounts.open(TENANT), body("CFCA", "信息不符", id)).statusCode()).isEqualTo(422);
        Map<String, Object> wrongFace = body("ALIPAY_FACE", "沙盒丁", id);
        wrongFace.put("faceToken", "face-mismatch-1");
        assertThat(verify(accounts.open(TENANT), wrongFace).statusCode()).isEqualTo(422);
        card.put("documentNumber", id);
        card.put("cardMobile", "13812340000");
        assertThat(verify(accounts.open(TENANT), card).statusCode()).isEqualTo(422);
    }

    HttpResponse<String> raw(String path, String timestamp, String nonce, String signature, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Huren-App-Key", RealNameSandbox.APP_KEY)
                .header("X-Huren-Timestamp", timestamp).header("X-Huren-Nonce", nonce).header("X-Huren-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("the sandbox checks the contract's signature: a signed request is answered, a wrong signature, a replayed nonce "
            + "or an old timestamp is refused with the contract's error codes")
    void signature() throws Exception {
        String path = "/api/t/" + TENANT + "/sandbox/real-name/v1/identity";
        byte[] body = ("{\"name\":\"签名测试\",\"documentType\":\"RESIDENT_ID\",\"documentNumber\":\""
                + RealNamesTest.withCheck("32010219800101205") + "\"}").getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(clock.instant().getEpochSecond());
        String signature = RealNameSignature.sign(sandbox.secret(), RealNameSignature.stringToSign("POST", path, now, "n-1", body));

        HttpResponse<String> answered = raw(path, now, "n-1", signature, body);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode verdict = PartyClient.json(answered);
        assertThat(verdict.get("code").asText()).isEqualTo("MATCH");
        assertThat(verdict.get("reference").asText()).startsWith("sandbox-");

        assertThat(code(raw(path, now, "n-1", signature, body))).isEqualTo("NONCE_REUSED");
        assertThat(code(raw(path, now, "n-2", signature, body))).isEqualTo("SIGNATURE_INVALID");
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("签名测试", "别人").getBytes(StandardCharsets.UTF_8);
        assertThat(code(raw(path, now, "n-1", signature, changed))).isEqualTo("SIGNATURE_INVALID");
        String old = Long.toString(clock.instant().getEpochSecond() - 600);
        assertThat(code(raw(path, old, "n-3", RealNameSignature.sign(sandbox.secret(),
                RealNameSignature.stringToSign("POST", path, old, "n-3", body)), body))).isEqualTo("TIMESTAMP_EXPIRED");
    }

    private static String code(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        return PartyClient.json(response).get("code").asText();
    }
}
