package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Operators manage a tenant's API clients over /api/platform/tenants/{code}/clients. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientsTest {

    static final String USCC = TestIdentifiers.uscc("91320100MA1AC0001");

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    DataSource dataSource;

    HttpApi operator;

    @BeforeAll
    void tenant() {
        operator = HttpApi.operator(port);
        assertThat(operator.post("/api/platform/tenants", Tenants.body("acli", "jiangsu")).status()).isEqualTo(201);
        RegisteredParties.enterprise(parties, tenants.byCode("acli").orElseThrow(), USCC, "南京客户测试有限公司");
    }

    Reply create(Map<String, Object> body) {
        return operator.post("/api/platform/tenants/acli/clients", body);
    }

    @Test
    @DisplayName("an operator creates a client: 201 with its id and a secret shown once; the list never shows it; stored sealed; logged without it")
    void create() {
        Reply created = create(Map.of("name", "南京市交易系统", "scopes", List.of("registry:read", "track-records:use"),
                "webhookUrl", "https://ggzy.nanjing.example/huren/events"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("clientId").asText();
        String secret = created.json().get("secret").asText();
        assertThat(id).startsWith("acli_");
        assertThat(secret).hasSize(43);
        assertThat(created.json().get("scopes")).hasSize(2);
        assertThat(created.json().get("rateLimit").get("perSecond").asInt()).isEqualTo(50);

        Reply list = operator.get("/api/platform/tenants/acli/clients");
        assertThat(list.json().findValuesAsText("clientId")).contains(id);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        String stored = JdbcClient.create(dataSource).sql("select secret_sealed from tenant_acli.api_client where id = ?").param(id)
                .query(String.class).single();
        assertThat(stored).startsWith("enc:v1:").doesNotContain(secret);
        JsonNode log = operator.get("/api/platform/operations?target=acli&action=client.create").json().get("items");
        assertThat(log.findValuesAsText("outcome")).contains("SUCCESS");
        assertThat(log.toString()).doesNotContain(secret);
        assertThat(new SignedClient(port, "acli", id, secret).get("/parties?uscc=" + USCC).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a client without a name, with an unknown scope, a non-http webhook or a rate out of range is refused field by field; nothing is created; the refusal is logged")
    void invalid() {
        int before = operator.get("/api/platform/tenants/acli/clients").json().size();

        Reply refused = create(Map.of("name", " ", "scopes", List.of("registry:write"), "webhookUrl", "ftp://x",
                "rateLimit", Map.of("perSecond", 0)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("name", "scopes", "webhookUrl", "rateLimit");
        assertThat(refused.json().get("errors").get(1).get("message").asText()).contains("registry:write").contains("registry:read");
        assertThat(create(Map.of("name", "x", "scopes", List.of())).status()).isEqualTo(400);
        assertThat(operator.get("/api/platform/tenants/acli/clients").json().size()).isEqualTo(before);
        assertThat(operator.get("/api/platform/operations?target=acli&action=client.create&outcome=REFUSED").json().get("total").asInt())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("a disabled client is refused (401) until an operator enables it again; both actions are logged")
    void disable() {
        JsonNode c = create(Map.of("name", "苏州", "scopes", List.of("registry:read"))).json();
        SignedClient client = new SignedClient(port, "acli", c.get("clientId").asText(), c.get("secret").asText());
        String base = "/api/platform/tenants/acli/clients/" + client.clientId();

        assertThat(operator.post(base + "/disable", null).json().get("enabled").asBoolean()).isFalse();
        SignedClient.Reply refused = client.get("/parties?uscc=" + USCC);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:client-disabled");

        assertThat(operator.post(base + "/enable", null).json().get("enabled").asBoolean()).isTrue();
        assertThat(client.get("/parties?uscc=" + USCC).status()).isEqualTo(200);
        assertThat(operator.get("/api/platform/operations?target=acli&action=client.disable&outcome=SUCCESS").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("X-03: an operator changes a client's scopes, webhook and subscriptions later (PUT); the secret stays; bad settings change nothing; logged")
    void change() {
        JsonNode c = create(Map.of("name", "常州", "scopes", List.of("registry:read"))).json();
        String id = c.get("clientId").asText();
        SignedClient client = new SignedClient(port, "acli", id, c.get("secret").asText());
        String path = "/api/platform/tenants/acli/clients/" + id;

        Reply refused = operator.put(path, Map.of("name", "常州", "scopes", List.of("registry:read"), "events", List.of("track-record.*")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("events");
        assertThat(operator.get("/api/platform/tenants/acli/clients").json().findParents("clientId").stream()
                .filter(n -> n.get("clientId").asText().equals(id)).findFirst().orElseThrow().get("events")).isEmpty();

        Reply changed = operator.put(path, Map.of("name", "常州市交易系统", "scopes", List.of("registry:read", "events:read"),
                "webhookUrl", "https://ggzy.changzhou.example/huren", "events", List.of("track-record.*", "record.voided"),
                "rateLimit", Map.of("perSecond", 20)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("name").asText()).isEqualTo("常州市交易系统");
        assertThat(changed.json().get("webhookUrl").asText()).isEqualTo("https://ggzy.changzhou.example/huren");
        assertThat(changed.json().get("events")).hasSize(2);
        assertThat(changed.json().get("rateLimit").get("perSecond").asInt()).isEqualTo(20);
        assertThat(changed.body()).doesNotContain("\"secret\"");
        assertThat(client.get("/parties?uscc=" + USCC).status()).as("the secret stays").isEqualTo(200);
        assertThat(operator.put("/api/platform/tenants/acli/clients/acli_nosuchclient", Map.of("name", "x", "scopes", List.of("registry:read")))
                .status()).isEqualTo(404);
        assertThat(operator.get("/api/platform/operations?target=acli&action=client.change&outcome=SUCCESS").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("rotating the secret answers a new one once: it works at once, the old one is refused")
    void rotate() {
        JsonNode c = create(Map.of("name", "无锡", "scopes", List.of("registry:read"))).json();
        String id = c.get("clientId").asText();
        SignedClient old = new SignedClient(port, "acli", id, c.get("secret").asText());
        assertThat(old.get("/parties?uscc=" + USCC).status()).isEqualTo(200);

        Reply rotated = operator.post("/api/platform/tenants/acli/clients/" + id + "/secret", null);

        assertThat(rotated.status()).isEqualTo(200);
        String secret = rotated.json().get("secret").asText();
        assertThat(secret).isNotEqualTo(c.get("secret").asText());
        assertThat(old.get("/parties?uscc=" + USCC).json().get("type").asText()).isEqualTo("urn:huren:problem:signature-invalid");
        assertThat(new SignedClient(port, "acli", id, secret).get("/parties?uscc=" + USCC).status()).isEqualTo(200);
        assertThat(operator.get("/api/platform/tenants/acli/clients").body()).doesNotContain(secret);
    }

    @Test
    @DisplayName("an unknown tenant or client is 404; without operator credentials nothing is listed or created")
    void notFound() {
        assertThat(operator.post("/api/platform/tenants/nope/clients", Map.of("name", "x", "scopes", List.of("registry:read"))).status())
                .isEqualTo(404);
        assertThat(operator.post("/api/platform/tenants/acli/clients/acli_nosuchclient/disable", null).status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/api/platform/tenants/acli/clients").status()).isEqualTo(401);
        assertThat(HttpApi.anonymous(port).post("/api/platform/tenants/acli/clients", Map.of("name", "x")).status())
                .as("refused before anything runs (no credentials, no CSRF token)").isIn(401, 403);
    }
}
