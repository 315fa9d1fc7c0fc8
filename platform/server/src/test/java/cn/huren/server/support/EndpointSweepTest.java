package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Every endpoint the OpenAPI document lists, from outside: no new endpoint escapes the input checks or the
 * tenant binding of sessions just because nobody wrote a test for it. Hostile bodies (broken JSON, wrong
 * shapes, U+0000 and wrong types in every property the schema names) answer 4xx, never 5xx, and log no
 * ERROR; a session of one tenant is refused on every protected endpoint of another.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "sweepa";
    private static final String B = "sweepb";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> WITH_BODY = Set.of("post", "put", "patch");

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Sweep CA", KeyAlgorithm.SM2);
    final HttpClient http = HttpClient.newHttpClient();
    AccountSessionFixture accounts;
    PartyClient parties;
    Issued holderA;
    Issued holderB;
    JsonNode docs;
    @org.junit.jupiter.api.extension.RegisterExtension
    final ClientInputLogWatch log = new ClientInputLogWatch();

    @BeforeAll
    void tenants() throws Exception {
        PartyClient.tenantTrusting(port, A, "jiangsu", ca);
        PartyClient.tenantTrusting(port, B, "jiangsu", ca);
        parties = new PartyClient(port);
        holderA = PartyClient.enterpriseCertificate(ca, "扫描甲公司", TestIdentifiers.uscc("91350100M000800Y4"));
        holderB = PartyClient.enterpriseCertificate(ca, "扫描乙公司", TestIdentifiers.uscc("91350100M000900Y4"));
        parties.enterprise(A, holderA);
        parties.enterprise(B, holderB);
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        docs = HttpApi.anonymous(port).get("/v3/api-docs").json();
    }

    @Test
    @DisplayName("X-05: a certificate or account session of one tenant is refused (401) on every /me endpoint of another tenant")
    void sessionsStayInTheirTenant() throws Exception {
        List<String> problems = new ArrayList<>();
        int tried = 0;
        for (Operation op : operations()) {
            if (!op.path().startsWith("/api/t/{tenant}/me")) {
                continue;
            }
            String certificateOfB = parties.login(B, holderB);
            String accountOfB = accounts.openVerified(B, "乙某").token();
            for (String token : List.of(certificateOfB, accountOfB)) {
                HttpResponse<String> r = send(op.method(), op.url(A), "Bearer " + token, op.body() ? "{}" : null);
                tried++;
                if (r.statusCode() != 401) {
                    problems.add(op + " with a session of " + B + ": " + r.statusCode() + " " + snippet(r.body()));
                }
            }
        }
        assertThat(tried).as("the OpenAPI document lists the party API").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("hostile bodies on every documented endpoint that takes one, with the credentials it expects: 4xx, never 5xx, no ERROR logged")
    void hostileBodies() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int tried = 0;
        for (Operation op : operations()) {
            if (!op.body()) {
                continue;
            }
            List<String> bodies = new ArrayList<>(List.of("{", "[]", "\"text\"", "{\"unknown\":\"\\u0000\"}",
                    "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}"));
            bodies.addAll(shapedBodies(op));
            for (String body : bodies) {
                HttpResponse<String> r = send(op.method(), op.url(A), credentials(op), body);
                tried++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    problems.add(op + " body " + snippet(body) + ": " + r.statusCode() + " " + snippet(r.body()));
                }
            }
        }
        assertThat(tried).isGreaterThan(50);
        assertThat(problems).isEmpty();
        // most bodies got past authentication to the input checks: the sweep tested those, not only the 401s
        assertThat(statuses.getOrDefault(400, 0)).as("answers by status: %s", statuses).isGreaterThan(tried / 2);
    }

    /** Anonymous, or a fresh session of the kind the path family expects (an earlier body may have ended the last one). */
    private String credentials(Operation op) throws Exception {
        String path = op.path();
        if (path.startsWith("/api/platform")) {
            return BASIC;
        }
        if (path.startsWith("/api/t/{tenant}/me/account")) {
            return "Bearer " + accounts.openVerified(A, "甲某").token();
        }
        if (path.startsWith("/api/t/{tenant}/me")) {
            return "Bearer " + parties.login(A, holderA);
        }
        return null;
    }

    /** Bodies shaped like the request's schema: every property U+0000, a lone surrogate, or the wrong JSON type. */
    private List<String> shapedBodies(Operation op) {
        JsonNode schema = resolve(op.node().path("requestBody").path("content").path("application/json").path("schema"));
        JsonNode properties = schema.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            return List.of();
        }
        ObjectNode nul = JSON.createObjectNode();
        ObjectNode surrogate = JSON.createObjectNode();
        ObjectNode wrongType = JSON.createObjectNode();
        ObjectNode huge = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String type = resolve(field.getValue()).path("type").asText("object");
            nul.put(name, "bad\u0000value");
            surrogate.put(name, "bad\uD800value");
            huge.put(name, "长".repeat(100_000));
            switch (type) {
                case "string" -> wrongType.putArray(name).add(1);
                case "integer", "number" -> wrongType.put(name, "12x");
                case "boolean" -> wrongType.put(name, "yes");
                default -> wrongType.put(name, 42);
            }
        }
        return List.of(nul.toString(), surrogate.toString(), wrongType.toString(), huge.toString());
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    record Operation(String method, String path, JsonNode node) {

        boolean body() {
            return WITH_BODY.contains(method);
        }

        /** The path with {tenant} and every other parameter filled in (ids 1, codes of the tenant). */
        String url(String tenant) {
            return path.replace("{tenant}", tenant).replace("{code}", tenant).replaceAll("\\{[^}]+}", "1");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        docs.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey()) && path.getKey().startsWith("/api/")) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method.toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String snippet(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
