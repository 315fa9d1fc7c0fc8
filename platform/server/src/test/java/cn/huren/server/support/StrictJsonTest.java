package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The one JSON configuration (docs/api-json.md), over HTTP: a value is taken only in its own JSON type. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictJsonTest {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper springMapper;

    @BeforeAll
    void tenant() {
        assertThat(operator().post("/api/platform/tenants", Tenants.body("sjson", "jiangsu")).status()).isEqualTo(201);
    }

    HttpApi operator() {
        return HttpApi.operator(port);
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A 400 malformed-body problem naming {@code field} with {@code message}. */
    static void assertRefused(HttpApi.Reply reply, String field, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:huren:problem:malformed-body");
        assertThat(problem.get("errors")).as(reply.body()).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asText()).contains(message);
    }

    void assertNoTenant(String code) {
        assertThat(operator().get("/api/platform/tenants/" + code).status()).as("tenant " + code + " exists").isEqualTo(404);
    }

    @Test
    @DisplayName("A boolean or a number as the tenant code is refused (400 naming `code`, expected a string); no tenant is onboarded")
    void tenantCodeMustBeAString() {
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("x", "jiangsu"), "code", true)),
                "code", "expected a string");
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("x", "jiangsu"), "code", 12)),
                "code", "expected a string");
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("x", "jiangsu"), "nameZh", Map.of("a", 1))),
                "nameZh", "expected a string");
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("x", "jiangsu"), "hosts", "a.example.cn")),
                "hosts", "expected an array");

        assertNoTenant("true");
        assertNoTenant("12");
        assertNoTenant("x");
    }

    @Test
    @DisplayName("An enum given by its ordinal is refused: \"mode\": 0 at the login challenge is 400 naming `mode` and its constants")
    void noEnumOrdinals() {
        HttpApi.Reply ordinal = HttpApi.anonymous(port).post("/api/t/sjson/login/challenges", Map.of("mode", 0));
        assertRefused(ordinal, "mode", "expected one of [");
        assertRefused(HttpApi.anonymous(port).post("/api/t/sjson/login/challenges", Map.of("mode", "")), "mode", "expected one of [");
        assertThat(HttpApi.anonymous(port).post("/api/t/sjson/login/challenges", Map.of("mode", "TOKEN")).status())
                .as("the constant's name is still taken").isEqualTo(201);
    }

    @Test
    @DisplayName("Duplicate keys, trailing garbage and an unknown property are refused (400); no tenant is onboarded")
    void duplicateKeysTrailingTokensUnknownProperties() {
        String body = json(Tenants.body("dupkey", "jiangsu"));
        String duplicated = body.replaceFirst("\\{", "{\"code\":\"dupkeyb\",");
        String trailing = json(Tenants.body("trailing", "jiangsu")) + " {\"more\": 1}";
        String unknown = json(Tenants.with(Tenants.body("unknownp", "jiangsu"), "colour", "red"));

        assertRefused(operator().post("/api/platform/tenants", duplicated), "code", "only once");
        assertRefused(operator().post("/api/platform/tenants", trailing), "(body)", "nothing may follow");
        assertRefused(operator().post("/api/platform/tenants", unknown), "colour", "not a field");

        assertNoTenant("dupkey");
        assertNoTenant("dupkeyb");
        assertNoTenant("trailing");
        assertNoTenant("unknownp");
    }

    @Test
    @DisplayName("A number or a boolean for text is refused in nested values too, naming the field path (branding.title, hosts[1])")
    void noNumberOrBooleanCoercion() {
        assertRefused(operator().put("/api/platform/tenants/sjson/branding", Map.of("title", 5, "primaryColor", "#123456")),
                "title", "expected a string");
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("nested", "jiangsu"), "branding",
                Map.of("title", true, "primaryColor", "#123456"))), "branding.title", "expected a string");
        assertRefused(operator().post("/api/platform/tenants", Tenants.with(Tenants.body("nested", "jiangsu"), "hosts",
                java.util.List.of("a.example.cn", 7))), "hosts[1]", "expected a string");
        assertNoTenant("nested");
    }

    @Test
    @DisplayName("A syntax error's problem quotes at most a short excerpt of the input, never a huge token")
    void hugeInputNotEchoed() {
        String huge = "{\"code\": tru" + "e".repeat(200_000) + "}";
        HttpApi.Reply reply = operator().post("/api/platform/tenants", huge);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:malformed-body");
        assertThat(reply.body().length()).as(reply.body()).isLessThan(1_000);
    }

    @Test
    @DisplayName("Spring's ObjectMapper is the strict one (one configuration for MVC, filters and the outbox)")
    void springMapperIsStrict() {
        assertThat(springMapper.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
        assertThat(springMapper.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).isTrue();
        assertThat(springMapper.getFactory().isEnabled(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isTrue();
    }
}
