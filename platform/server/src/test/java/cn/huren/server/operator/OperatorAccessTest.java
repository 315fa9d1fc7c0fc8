package cn.huren.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OperatorAccessTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("the platform API needs operator credentials: 401 problem+json without, 401 with a wrong password")
    void credentialsRequired() {
        Reply none = HttpApi.anonymous(port).get("/api/platform/tenants");
        Reply wrong = HttpApi.anonymous(port).as("admin", "wrong").get("/api/platform/tenants");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("type").asText()).isEqualTo("urn:huren:problem:unauthenticated");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    @DisplayName("the first operator admin exists with an Argon2 hash of HUREN_ADMIN_PASSWORD")
    void adminBootstrapped() {
        String hash = jdbc.sql("select password_hash from platform.operator where username = 'admin'").query(String.class).single();

        assertThat(hash).startsWith("{argon2}").doesNotContain(HttpApi.ADMIN_PASSWORD);
        assertThat(HttpApi.operator(port).get("/api/platform/plugins").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("every operator action is logged with who, what, target, outcome and address, refusals included; filters work")
    void operationLog() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("opl1", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("opl1", "jiangsu"));
        op.post("/api/platform/tenants/opl1/suspend", null);

        JsonNode log = op.get("/api/platform/operations?target=opl1").json();
        JsonNode refused = op.get("/api/platform/operations?target=opl1&outcome=REFUSED").json();

        assertThat(log.get("total").asLong()).isEqualTo(3);
        assertThat(log.get("items").findValuesAsText("action")).containsExactly("tenant.suspend", "tenant.create", "tenant.create");
        assertThat(log.get("items").findValuesAsText("outcome")).containsExactly("SUCCESS", "REFUSED", "SUCCESS");
        assertThat(log.get("items").get(0).get("operator").asText()).isEqualTo("admin");
        assertThat(log.get("items").get(0).get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(log.get("items").get(0).get("at").asText()).isNotBlank();
        assertThat(refused.get("items").get(0).get("detail").asText()).contains("tenant-exists");
    }

    @Test
    @DisplayName("a console session must send a CSRF token to change anything; HTTP Basic scripts need none")
    void csrfOnSessionPath() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/console/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String token = csrf(loginPage);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(HttpApi.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console");

        HttpResponse<String> console = browser.send(HttpRequest.newBuilder(uri("/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        HttpResponse<String> sessionRead = browser.send(HttpRequest.newBuilder(uri("/api/platform/plugins")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sessionRead.statusCode()).isEqualTo(200);

        String body = "{\"code\":\"csrf1\",\"nameZh\":\"x\",\"nameEn\":\"x\",\"plugin\":\"jiangsu\"}";
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(uri("/api/platform/tenants"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from platform.tenant where code = 'csrf1'").query(Long.class).single()).isZero();

        String consoleToken = csrf(console.body());
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(uri("/api/platform/tenants"))
                .header("Content-Type", "application/json").header("X-CSRF-TOKEN", consoleToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(201);
    }

    @Test
    @DisplayName("a cross-site browser request needs a CSRF token even with (cached) Basic credentials; scripts do not")
    void crossSiteBasicNeedsCsrf() throws Exception {
        HttpApi.operator(port).post("/api/platform/tenants", cn.huren.server.Tenants.body("csrf2", "jiangsu"));
        HttpClient client = HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> fromEvilOrigin = client.send(HttpRequest.newBuilder(uri("/api/platform/tenants/csrf2/suspend"))
                .header("Authorization", basic).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> crossSite = client.send(HttpRequest.newBuilder(uri("/api/platform/tenants/csrf2/suspend"))
                .header("Authorization", basic).header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(fromEvilOrigin.statusCode()).isEqualTo(403);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/csrf2").json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(HttpApi.operator(port).post("/api/platform/tenants/csrf2/suspend", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("session cookies are HttpOnly and SameSite; pages carry CSP and frame-ancestors")
    void cookieAndHeaders() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("SESSION").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF token").isTrue();
        return m.group(1);
    }
}
