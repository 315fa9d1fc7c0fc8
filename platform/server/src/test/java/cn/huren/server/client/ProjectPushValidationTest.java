package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.registry.ProjectBoard;
import cn.huren.server.registry.Projects;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A trading system's project push (v1) is checked with the same field specifications as the
 * party's own entry: the same values are refused with the same field errors, and nothing is stored.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectPushValidationTest {

    static final String TENANT = "v1json";
    static final Map<String, Object> PROJECT = Map.of("name", "苏锡常严格高速", "owner", "江苏交通控股");

    @LocalServerPort
    int port;

    @Autowired
    Projects projects;

    @Autowired
    TenantDirectory tenants;

    DemoCertificateAuthority ca = DemoCertificateAuthority.root("SM2 CA", KeyAlgorithm.SM2);
    TenantDescriptor tenant;
    String token;
    long party;
    SignedClient trading;

    @BeforeAll
    void setUp() throws Exception {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        tenant = tenants.byCode(TENANT).orElseThrow();
        token = new PartyClient(port).enterprise(TENANT, PartyClient.enterpriseCertificate(ca, "推送校验建设有限公司",
                TestIdentifiers.uscc("91320500MA1W40001"))).get(0);
        assertThat(new PartyClient(port).call("PUT", TENANT, "/basic-info", token, Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五",
                "address", "南京市", "contactName", "李四", "contactPhone", "13800138000")).statusCode()).isEqualTo(200);
        party = PartyClient.json(new PartyClient(port).call("GET", TENANT, "", token, null)).get("party").get("id").asLong();
        trading = SignedClient.create(port, TENANT, Map.of("name", "严格交易系统", "scopes", List.of("projects:write", "track-records:use")));
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>(PROJECT);
        data.put(key, value);
        return data;
    }

    SignedClient.Reply push(String code, Map<String, Object> data) {
        return push(ProjectBoard.TRANSPORT, code, data);
    }

    SignedClient.Reply push(ProjectBoard board, String code, Map<String, Object> data) {
        return trading.post("/parties/" + party + "/projects", Map.of("board", board, "platformCode", code, "data", data));
    }

    HttpResponse<String> partyEntry(Map<String, Object> data) throws Exception {
        return new PartyClient(port).call("POST", TENANT, "/projects", token, Map.of("board", "TRANSPORT", "data", data));
    }

    @Test
    @DisplayName("a push with a 1 MB name, true as a name, an object or a negative amount is 400 listing the field errors the party API gives for the same values; nothing is stored")
    void pushRefusedLikePartyEntry() throws Exception {
        List<Map<String, Object>> bad = List.of(with("name", "a".repeat(1_000_000)), with("name", true),
                with("contractAmount", Map.of("x", 1)), with("contractAmount", "-350000000"), with("contractAmount", -1),
                with("startDate", List.of("2024-01-01")), with("budget", "1"));
        int n = 0;
        for (Map<String, Object> data : bad) {
            SignedClient.Reply pushed = push("JSJT-STRICT-" + n++, data);
            HttpResponse<String> entered = partyEntry(data);

            assertThat(pushed.status()).as(pushed.body().length() > 500 ? pushed.body().substring(0, 500) : pushed.body()).isEqualTo(400);
            assertThat(pushed.contentType()).startsWith("application/problem+json");
            assertThat(pushed.json().get("type").asText()).isEqualTo("urn:huren:problem:validation");
            assertThat(entered.statusCode()).isEqualTo(400);
            assertThat(pushed.json().get("errors")).as("the same field errors as the party API").isEqualTo(PartyClient.json(entered).get("errors"));
            assertThat(pushed.body().length()).as("the huge value is not echoed").isLessThan(1_000);
        }
        JsonNode errors = push("JSJT-STRICT-ALL", with("name", false)).json().get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("data.name");
        assertThat(errors.get(0).get("message").asText()).isEqualTo("expected a string");

        assertThat(TenantContext.callAs(tenant, () -> projects.list(party, ProjectBoard.TRANSPORT))).as("nothing stored").isEmpty();
    }

    @Test
    @DisplayName("JS-24: a valid push is stored with its values normalised as the party's entry would be (an amount with 2 decimals)")
    void validPushNormalised() {
        SignedClient.Reply pushed = push(ProjectBoard.ENTERPRISE, "JSJT-STRICT-OK", with("contractAmount", 350000000));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json().get("platformData").get("contractAmount").asText()).isEqualTo("350000000.00");
    }

    @Test
    @DisplayName("Duplicate keys and trailing garbage in a signed push are 400 malformed-body; nothing is stored")
    void malformedPushes() {
        String duplicated = "{\"board\":\"WATER\",\"platformCode\":\"JSSL-DUP\",\"data\":{\"name\":\"甲\",\"name\":\"乙\",\"owner\":\"某局\"}}";
        String trailing = "{\"board\":\"WATER\",\"platformCode\":\"JSSL-TRAIL\",\"data\":{\"name\":\"甲\",\"owner\":\"某局\"}}]";

        SignedClient.Reply dup = trading.post("/parties/" + party + "/projects", duplicated);
        SignedClient.Reply trail = trading.post("/parties/" + party + "/projects", trailing);

        for (SignedClient.Reply reply : List.of(dup, trail)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:malformed-body");
        }
        assertThat(dup.json().get("errors").get(0).get("field").asText()).isEqualTo("data.name");
        assertThat(TenantContext.callAs(tenant, () -> projects.list(party, ProjectBoard.WATER))).as("nothing stored").isEmpty();
    }

    @Test
    @DisplayName("A plugin's endpoint reads its body with the same rules: a number as the use id is 400 naming useId")
    void pluginEndpointsAreStrict() {
        SignedClient.Reply reply = trading.postToPlugin("jiangsu", "/track-records/1/uses", Map.of("useId", 5));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("useId");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).isEqualTo("expected a string");
    }
}
