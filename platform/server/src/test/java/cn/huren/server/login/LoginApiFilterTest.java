package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The login API's two hot requests are answered before MVC and security ({@link LoginApiFilter}):
 * the same contract, the same problems, the same tenant rules as everywhere else.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginApiFilterTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient sql;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("lgf1", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("lgf2", "shanxi", "lgf2.localhost"));
    }

    @Test
    @DisplayName("a challenge without a body is a TOKEN challenge; the answer is not cached by anyone on the way")
    void challengeWithoutBody() {
        Reply reply = HttpApi.anonymous(port).post("/api/t/lgf1/login/challenges", null);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("mode").asText()).isEqualTo("TOKEN");
        assertThat(reply.json().get("message").asText()).startsWith("huren-login:lgf1:" + reply.json().get("id").asText() + ":");
        assertThat(raw("POST", "/api/t/lgf1/login/challenges", "application/json", "{\"mode\":\"MOBILE\"}").headers()
                .firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    @DisplayName("malformed, oversized and non-JSON bodies get problem+json with a reason, and nothing is written")
    void badBodies() {
        String id = HttpApi.anonymous(port).post("/api/t/lgf1/login/challenges", Map.of("mode", "TOKEN")).json().get("id").asText();
        String response = "/api/t/lgf1/login/challenges/" + id + "/response";

        Reply broken = HttpApi.anonymous(port).post(response, "{\"certificate\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().get("type").asText()).isEqualTo("urn:huren:problem:malformed-body");
        assertThat(HttpApi.anonymous(port).post(response, "null").json().get("type").asText()).isEqualTo("urn:huren:problem:malformed-body");
        assertThat(HttpApi.anonymous(port).post("/api/t/lgf1/login/challenges", "{\"mode\":\"FAX\"}").status()).isEqualTo(400);

        Reply huge = HttpApi.anonymous(port).post(response, "{\"certificate\":\"" + "A".repeat(100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("type").asText()).isEqualTo("urn:huren:problem:body-too-large");

        HttpResponse<String> text = raw("POST", response, "text/plain", "certificate=x");
        assertThat(text.statusCode()).as("not JSON: left to MVC, which refuses the media type").isEqualTo(415);

        assertThat(sql.sql("select count(*) from tenant_lgf1.login_challenge").query(Long.class).single())
                .as("none of these was an answer: the challenge stays unused").isZero();
        Reply missing = HttpApi.anonymous(port).post(response, Map.of("signature", "AAAA"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("certificate");
    }

    @Test
    @DisplayName("unknown tenant 404, host and path of different tenants 400, suspended tenant 503 — before any login work")
    void tenantRules() {
        assertThat(HttpApi.anonymous(port).post("/api/t/nosuch/login/challenges", null).json().get("type").asText())
                .isEqualTo("urn:huren:problem:unknown-tenant");
        Reply mismatch = HttpApi.anonymous(port).host("lgf2.localhost").post("/api/t/lgf1/login/challenges", null);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("type").asText()).isEqualTo("urn:huren:problem:tenant-mismatch");

        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants/lgf2/suspend", null);
        try {
            Reply suspended = HttpApi.anonymous(port).post("/api/t/lgf2/login/challenges", null);
            assertThat(suspended.status()).isEqualTo(503);
            assertThat(suspended.json().get("type").asText()).isEqualTo("urn:huren:problem:tenant-suspended");
        } finally {
            op.post("/api/platform/tenants/lgf2/resume", null);
        }
        assertThat(HttpApi.anonymous(port).post("/api/t/lgf2/login/challenges", null).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a percent-encoded path takes the ordinary way through MVC and gets the same answer")
    void encodedPathTakesTheOrdinaryWay() {
        HttpResponse<String> reply = raw("POST", "/api/t/lgf1/login/%63hallenges", "application/json", "{\"mode\":\"TOKEN\"}");
        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.body()).contains("huren-login:lgf1:");
    }

    private HttpResponse<String> raw(String method, String path, String contentType, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
