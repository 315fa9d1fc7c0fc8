package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.TestIdentifiers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile input, anonymously and signed in, on every kind of endpoint (platform API, tenant party
 * API, portal page, console form, Tomcat itself): a 4xx problem (or the page's message), nothing
 * changed, a refused operator attempt in the operation log, and no ERROR in the log.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "hostile";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Hostile CA", KeyAlgorithm.SM2);
    final HttpClient http = HttpClient.newHttpClient();
    @org.junit.jupiter.api.extension.RegisterExtension
    final ClientInputLogWatch log = new ClientInputLogWatch();
    String partyToken;
    String caId;
    Issued holder;

    @BeforeAll
    void tenant() throws Exception {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        caId = jdbc.sql("select id from tenant_" + TENANT + ".trusted_ca").query(String.class).list().get(0);
        holder = PartyClient.enterpriseCertificate(ca, "敌意测试公司", TestIdentifiers.uscc("91350100M000700Y4"));
        partyToken = new PartyClient(port).enterprise(TENANT, holder).get(0);
    }

    @Test
    @DisplayName("a malformed content type or body (multipart without boundary, garbage multipart, unknown charset, invalid UTF-8, huge) is a 4xx problem on JSON endpoints and pages, anonymous or signed in")
    void malformedBodies() throws Exception {
        byte[] invalidUtf8 = {'{', '"', 'n', 'a', 'm', 'e', 'Z', 'h', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        List<Object[]> bodies = List.of(
                new Object[] {"multipart/form-data", "x".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"multipart/form-data; boundary=", "--\r\ngarbage".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: nonsense\r\n\r\nx".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"application/json; charset=no-such-charset", "{}".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"application/json; charset=\"", "{}".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"application/json", invalidUtf8},
                new Object[] {"application/x-www-form-urlencoded", "a=%ZZ&b=%00&%".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"text/plain; charset=utf-8", "\u0000".getBytes(StandardCharsets.UTF_8)});
        record Target(String method, String path, String authorization) {
        }
        List<Target> targets = List.of(
                new Target("GET", "/", null),
                new Target("GET", "/t/" + TENANT + "/", null),
                new Target("POST", "/api/t/" + TENANT + "/login/challenges", null),
                new Target("POST", "/api/platform/tenants", null),
                new Target("POST", "/api/platform/tenants", BASIC),
                new Target("PUT", "/api/t/" + TENANT + "/me/basic-info", "Bearer " + partyToken),
                new Target("POST", "/api/t/" + TENANT + "/me/attachments", "Bearer " + partyToken),
                new Target("POST", "/console/tenants", BASIC));
        long tenants = tenantCount("%");
        List<String> failures = new ArrayList<>();
        for (Target target : targets) {
            for (Object[] body : bodies) {
                for (String accept : List.of("application/json", "text/html")) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri(target.path()))
                            .method(target.method(), HttpRequest.BodyPublishers.ofByteArray((byte[]) body[1]))
                            .header("Content-Type", (String) body[0]).header("Accept", accept);
                    if (target.authorization() != null) {
                        request.header("Authorization", target.authorization());
                    }
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() >= 500 || response.statusCode() >= 400 && accept.equals("application/json")
                            && target.path().startsWith("/api/")
                            && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        failures.add(target + " " + body[0] + " " + accept + " → " + response.statusCode() + " " + response.body());
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(tenantCount("%")).as("nothing was created").isEqualTo(tenants);
    }

    @Test
    @DisplayName("a JSON body larger than Jackson reads is a 400 problem, not a 500")
    void hugeBody() throws Exception {
        String huge = "{\"code\":\"" + "a".repeat(21_000_000) + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/t/" + TENANT + "/login/challenges"))
                .POST(HttpRequest.BodyPublishers.ofString(huge)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("U+0000 or a lone surrogate in a tenant's fields: 400 naming the field, no tenant, and the refused attempt is in the operation log")
    void nulInTenantCreation() throws Exception {
        long tenants = tenantCount("nul%");
        long logged = refusedCreations();

        JsonNode nulName = problem(post("/api/platform/tenants", BASIC, JSON.writeValueAsString(
                Tenants.with(Tenants.body("nul1", "jiangsu"), "nameZh", "名\u0000字"))), 400);
        assertThat(nulName.get("errors").toString()).contains("nameZh").contains("U+0000");
        JsonNode nulCode = problem(post("/api/platform/tenants", BASIC, JSON.writeValueAsString(
                Tenants.with(Tenants.body("nul2", "jiangsu"), "code", "nul2\u0000"))), 400);
        assertThat(nulCode.get("type").asText()).isEqualTo("urn:huren:problem:validation");
        String surrogate = JSON.writeValueAsString(Tenants.with(Tenants.body("nul3", "jiangsu"), "nameEn", "SURROGATE"))
                .replace("SURROGATE", "x\\ud800y");
        assertThat(problem(post("/api/platform/tenants", BASIC, surrogate), 400).get("errors").toString()).contains("nameEn");
        String everywhere = JSON.writeValueAsString(Map.of("code", "nul4\u0000", "nameZh", "\u0000", "nameEn", "\u0000",
                "plugin", "jiang\u0000su", "hosts", List.of("a\u0000.example"), "branding", Map.of("title", "\u0000")));
        problem(post("/api/platform/tenants", BASIC, everywhere), 400);

        assertThat(tenantCount("nul%")).isEqualTo(tenants);
        assertThat(refusedCreations()).as("every refused attempt is in the operation log").isEqualTo(logged + 4);
        assertThat(jdbc.sql("select target from platform.operation_log where action = 'tenant.create' and target like 'nul2%'")
                .query(String.class).list()).contains("nul2\uFFFD");
    }

    @Test
    @DisplayName("an over-long CA identity pattern or OID, tenant name or party field is a 400 naming the field (lengths from the schema); nothing changes")
    void overLongText() throws Exception {
        JsonNode pattern = problem(send("PATCH", "/api/platform/tenants/" + TENANT + "/cas/" + caId, BASIC,
                JSON.writeValueAsString(Map.of("identity", Map.of("source", "CN_PATTERN", "pattern", "(?<id>.+)" + "x".repeat(600))))), 400);
        assertThat(pattern.get("errors").toString()).contains("identityPattern").contains("500");
        JsonNode oid = problem(post("/api/platform/tenants/" + TENANT + "/cas", BASIC, JSON.writeValueAsString(Map.of("name", "long OID",
                "certificate", DemoCertificateAuthority.root("Other CA", KeyAlgorithm.SM2).pem(),
                "identity", Map.of("source", "OID", "oid", "1." + "2.".repeat(100) + "3")))), 400);
        assertThat(oid.get("errors").toString()).contains("identityOid");
        assertThat(jdbc.sql("select identity_source || coalesce(identity_oid, '') from tenant_" + TENANT + ".trusted_ca")
                .query(String.class).list()).containsExactly("OID" + PartyClient.IDENTITY_OID);

        JsonNode basicInfo = problem(new PartyClient(port).call("PUT", TENANT, "/basic-info", partyToken, Map.of("roles", List.of("BIDDER"),
                "legalRepresentative", "王".repeat(5000), "address", "南京市", "contactName", "李四", "contactPhone", "13800138000")), 400);
        assertThat(basicInfo.get("errors")).isNotNull();
    }

    @Test
    @DisplayName("U+0000 in the tenant party API, an attachment's file name, an API client's name, a console form, a query or a login name: 4xx, nothing stored, operator attempts logged")
    void nulEverywhereElse() throws Exception {
        PartyClient party = new PartyClient(port);
        JsonNode before = PartyClient.json(party.call("GET", TENANT, "", partyToken, null));
        JsonNode basicInfo = problem(party.call("PUT", TENANT, "/basic-info", partyToken, Map.of("roles", List.of("BIDDER"),
                "legalRepresentative", "王\u0000五", "address", "南京市", "contactName", "李四", "contactPhone", "13800138000")), 400);
        assertThat(basicInfo.get("errors").toString()).contains("legalRepresentative").contains("U+0000");
        assertThat(PartyClient.json(party.call("GET", TENANT, "", partyToken, null))).isEqualTo(before);

        String boundary = "hostile-boundary";
        byte[] upload = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> attachment = http.send(HttpRequest.newBuilder(uri("/api/t/" + TENANT + "/me/attachments"))
                .header("Authorization", "Bearer " + partyToken).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(attachment.statusCode()).as(attachment.body()).isBetween(400, 499);

        long refusedClients = jdbc.sql("select count(*) from platform.operation_log where action = 'client.create' and outcome = 'REFUSED'")
                .query(Long.class).single();
        JsonNode client = problem(post("/api/platform/tenants/" + TENANT + "/clients", BASIC,
                JSON.writeValueAsString(Map.of("name", "市级\u0000系统", "scopes", List.of("registry:read")))), 400);
        assertThat(client.get("errors").toString()).contains("name").contains("U+0000");
        assertThat(jdbc.sql("select count(*) from tenant_" + TENANT + ".api_client").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from platform.operation_log where action = 'client.create' and outcome = 'REFUSED'")
                .query(Long.class).single()).isEqualTo(refusedClients + 1);

        long tenants = tenantCount("nulform%");
        String form = "formId=" + java.util.UUID.randomUUID() + "&plugin=jiangsu&code=nulform&nameZh=" + enc("名\u0000字")
                + "&nameEn=x&primaryColor=%231f5fa8";
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(uri("/console/tenants")).header("Authorization", BASIC)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(console.body()).contains("U+0000");
        assertThat(tenantCount("nulform%")).isEqualTo(tenants);

        for (String path : List.of("/api/platform/operations?operator=%00", "/api/platform/tenants/%00x", "/console/tenants/a%00b",
                "/api/platform/operations?target=a%00b&action=" + "x".repeat(500))) {
            HttpResponse<String> query = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization",
                    BASIC).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(query.statusCode()).as(path + " " + query.body()).isBetween(400, 499);
        }
        HttpResponse<String> basicLogin = http.send(HttpRequest.newBuilder(uri("/api/platform/tenants")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("ad\u0000min:x".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basicLogin.statusCode()).isEqualTo(401);
        // with the login page's CSRF token, so that the user name itself is what is judged (not the missing token's 403)
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/console/login")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> formLogin = browser.send(form("/console/login", "username=ad%00min&password=x&_csrf=" + enc(csrf(loginPage))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(formLogin.statusCode()).as(formLogin.body()).isEqualTo(302);
        assertThat(formLogin.headers().firstValue("Location").orElse("")).as("a failed sign-in, not an error").endsWith("/console/login?error");
    }

    @Test
    @DisplayName("U+0000 in a portal form: the form comes back with the message, nothing stored")
    void portalForm() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "/t/" + TENANT;
        String loginPage = browser.send(HttpRequest.newBuilder(uri(base + "/login/mobile")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String payload = find(loginPage, "id=\"qr-payload\">([^<]+)<").replace("&amp;", "&");
        String challenge = find(payload, "[?&]challenge=([^&]+)");
        String nonce = java.net.URLDecoder.decode(find(payload, "[?&]nonce=([^&]+)"), StandardCharsets.UTF_8);
        String answer = JSON.writeValueAsString(Map.of("certificate", holder.pem(),
                "signature", HolderSignatures.sign(holder, "huren-login:" + TENANT + ":" + challenge + ":" + nonce)));
        assertThat(post("/api/t/" + TENANT + "/login/challenges/" + challenge + "/response", null, answer).statusCode()).isEqualTo(200);
        assertThat(browser.send(form(base + "/login/session", "challenge=" + challenge + "&_csrf=" + enc(csrf(loginPage))),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);

        JsonNode before = PartyClient.json(new PartyClient(port).call("GET", TENANT, "", partyToken, null));
        String page = browser.send(HttpRequest.newBuilder(uri(base + "/registry/basic-info")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> saved = browser.send(form(base + "/registry/basic-info", "_csrf=" + enc(csrf(page))
                + "&version=" + find(page, "name=\"version\" value=\"([^\"]*)\"") + "&roles=BIDDER&legalRepresentative=" + enc("王\u0000五")
                + "&address=" + enc("南京市") + "&contactName=" + enc("李四") + "&contactPhone=13800138000"), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String again = browser.send(HttpRequest.newBuilder(location(saved))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(again).contains("U+0000");
        assertThat(PartyClient.json(new PartyClient(port).call("GET", TENANT, "", partyToken, null))).isEqualTo(before);
    }

    private URI location(HttpResponse<?> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return location.startsWith("http") ? URI.create(location) : uri(location);
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String csrf(String html) {
        return find(html, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("requests Tomcat refuses before Spring (%00 or %2F in the path, bad escape, invalid method, 8 KB request line, 20 KB header) answer problem+json with the security headers")
    void refusedByTomcat() throws Exception {
        List<String> requests = List.of(
                "GET /api/platform/tenants/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/platform/tenants/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /t/%zz/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "G(T / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            String response = raw(request);
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).toLowerCase();
            String label = request.substring(0, Math.min(60, request.indexOf('\r')));
            assertThat(response).as(label).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
            assertThat(head).as(label).contains("content-type: application/problem+json").contains("x-content-type-options: nosniff")
                    .contains("content-security-policy: default-src 'self'").contains("x-frame-options: deny");
            assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).as(label).contains("\"status\":4").doesNotContain("<html");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may stop reading an over-long request before it is all sent
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return send("POST", path, authorization, json);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long tenantCount(String like) {
        return jdbc.sql("select count(*) from platform.tenant where code like ?").param(like).query(Long.class).single();
    }

    private long refusedCreations() {
        return jdbc.sql("select count(*) from platform.operation_log where action = 'tenant.create' and outcome = 'REFUSED'")
                .query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
