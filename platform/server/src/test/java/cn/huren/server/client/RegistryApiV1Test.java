package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The v1 API as a trading system uses it, every call signed. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryApiV1Test {

    static final String USCC = TestIdentifiers.uscc("91320500MA1W10001");
    static final String RESIDENT_ID = "11010519491231002X";
    static final Map<String, Object> QUALIFICATION = Map.of("board", "HOUSING_WATER", "name", "建筑工程施工总承包", "certificateNumber",
            "D232000001", "level", "一级", "issuer", "江苏省住房和城乡建设厅");

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    RegistryRecords records;

    @Autowired
    Projects projects;

    @Autowired
    Attachments attachments;

    @Autowired
    CertificateBindings bindings;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    TenantDirectory tenants;

    TenantDescriptor tenant;
    long party;
    SignedClient client;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("v1js", "jiangsu"));
        tenant = tenants.byCode("v1js").orElseThrow();
        party = RegisteredParties.enterprise(parties, tenant, USCC, "苏州接口测试建设有限公司");
        client = SignedClient.create(port, "v1js", Map.of("name", "苏州市交易系统",
                "scopes", List.of("registry:read", "track-records:use", "projects:write", "certificates:read")));
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    void assertProblem(SignedClient.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:" + kind);
    }

    @Test
    @DisplayName("a party by USCC or resident ID number; 404 when none; 400 problem+json naming the broken rule for an invalid code")
    void lookup() {
        JsonNode enterprise = client.get("/parties?uscc=" + USCC.toLowerCase()).json();
        assertThat(enterprise.get("id").asLong()).isEqualTo(party);
        assertThat(enterprise.get("kind").asText()).isEqualTo("ENTERPRISE");
        assertThat(enterprise.get("name").asText()).isEqualTo("苏州接口测试建设有限公司");
        assertThat(enterprise.get("registrationComplete").asBoolean()).isTrue();
        as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, RESIDENT_ID, "张三", "ukey")));
        assertThat(client.get("/parties?residentId=" + RESIDENT_ID).json().get("residentId").asText()).isEqualTo(RESIDENT_ID);

        assertProblem(client.get("/parties?uscc=" + TestIdentifiers.uscc("91320500MA1W19999")), 404, "party-not-found");
        SignedClient.Reply badCheck = client.get("/parties?uscc=" + USCC.substring(0, 17) + (USCC.endsWith("0") ? "1" : "0"));
        assertProblem(badCheck, 400, "validation");
        assertThat(badCheck.json().get("errors").get(0).get("field").asText()).isEqualTo("uscc");
        assertThat(badCheck.json().get("errors").get(0).get("message").asText()).startsWith("CHECK_CHARACTER");
        assertThat(client.get("/parties?residentId=110105194912310021").json().get("errors").get(0).get("message").asText())
                .startsWith("CHECK_CHARACTER");
        assertProblem(client.get("/parties?uscc=123"), 400, "validation");
        assertProblem(client.get("/parties"), 400, "validation");
        assertProblem(client.get("/parties?uscc=" + USCC + "&residentId=" + RESIDENT_ID), 400, "validation");
    }

    @Test
    @DisplayName("X-01: a party's records of a kind usable in bidding are the SUBMITTED ones only; unknown kind or party is 404")
    void recordsUsableInBidding() {
        long submitted = as(() -> records.create(party, RecordKind.QUALIFICATION, QUALIFICATION, true, "p").id());
        as(() -> records.create(party, RecordKind.QUALIFICATION, QUALIFICATION, false, "p"));
        long voided = as(() -> records.create(party, RecordKind.QUALIFICATION, QUALIFICATION, true, "p").id());
        as(() -> records.voidRecord(party, voided, ExpectedVersion.ANY, "资质降级", attachments.store(party, "v.pdf", TrackRecordFixture.PDF).id(), "p"));

        JsonNode list = client.get("/parties/" + party + "/records/qualification").json();

        assertThat(list.findValuesAsText("id")).containsExactly(Long.toString(submitted));
        assertThat(list.get(0).get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(list.get(0).get("data").get("certificateNumber").asText()).isEqualTo("D232000001");
        assertProblem(client.get("/parties/" + party + "/records/no-such-kind"), 404, "unknown-record-kind");
        assertProblem(client.get("/parties/999999/records/qualification"), 404, "party-not-found");
    }

    @Test
    @DisplayName("the two hot reads, answered ahead of the security chain and MVC (V1ReadFilter), answer as the ordinary way does: bodies, problems, security headers")
    void hotReadsAnswerAsTheOrdinaryWay() {
        as(() -> records.create(party, RecordKind.QUALIFICATION, QUALIFICATION, true, "p"));
        for (String path : List.of("/parties?uscc=" + USCC, "/parties/" + party + "/records/qualification", "/parties/999999/records/qualification",
                "/parties/" + party + "/records/no-such-kind", "/parties?uscc=123", "/parties?uscc=" + TestIdentifiers.uscc("91320500MA1W19999"))) {
            SignedClient.Reply hot = client.get(path);
            // a charset on the type sends the same request the ordinary way (security chain, MVC)
            SignedClient.Reply ordinary = client.request("GET", path, null).withContentType("application/json;charset=UTF-8").send();
            assertThat(hot.status()).as(path).isEqualTo(ordinary.status());
            assertThat(hot.contentType()).as(path).isEqualTo(ordinary.contentType());
            assertThat(hot.json()).as(path).isEqualTo(ordinary.json());
            for (String header : List.of("X-Content-Type-Options", "X-Frame-Options", "Cache-Control")) {
                assertThat(hot.headers().firstValue(header)).as(path + " " + header).isEqualTo(ordinary.headers().firstValue(header));
            }
        }
    }

    @Test
    @DisplayName("the two hot reads refuse as the ordinary way does: a client without the scope, another tenant's client, a host naming another tenant, a suspended tenant")
    void hotReadsRefuseAsTheOrdinaryWay() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("v1hot", "jiangsu", "v1hot.localhost"));
        SignedClient unscoped = SignedClient.create(port, "v1js", Map.of("name", "只读证书系统", "scopes", List.of("certificates:read")));
        SignedClient other = SignedClient.create(port, "v1hot", Map.of("name", "另一租户系统", "scopes", List.of("registry:read")));
        for (String path : List.of("/parties?uscc=" + USCC, "/parties/" + party + "/records/qualification")) {
            Map<String, java.util.function.Supplier<SignedClient.Request>> cases = Map.of(
                    "no scope", () -> unscoped.request("GET", path, null),
                    "another tenant's client", () -> other.toTenant("v1js").request("GET", path, null),
                    "host of another tenant", () -> client.request("GET", path, null).withHost("v1hot.localhost"));
            Map<String, Integer> expected = Map.of("no scope", 403, "another tenant's client", 401, "host of another tenant", 400);
            cases.forEach((name, request) -> {
                SignedClient.Reply hot = request.get().send();
                SignedClient.Reply ordinary = request.get().withContentType("application/json;charset=UTF-8").send();
                assertThat(hot.status()).as(name + " " + path + ": " + hot.body()).isEqualTo(expected.get(name)).isEqualTo(ordinary.status());
                assertThat(hot.json().get("type")).as(name + " " + path).isEqualTo(ordinary.json().get("type"));
            });
        }
        HttpApi.operator(port).post("/api/platform/tenants/v1hot/suspend", null);
        SignedClient.Reply hot = other.get("/parties?uscc=" + USCC);
        SignedClient.Reply ordinary = other.request("GET", "/parties?uscc=" + USCC, null).withContentType("application/json;charset=UTF-8").send();
        assertThat(hot.status()).as(hot.body()).isEqualTo(503).isEqualTo(ordinary.status());
        assertThat(hot.json().get("type")).isEqualTo(ordinary.json().get("type"));
    }

    @Test
    @DisplayName("JS-46, X-03, X-11: each reported use counts once per use id, is on the ledger with the reporting client, and shows in the track-record list")
    void useCounts() {
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "接口计数项目");

        assertThat(client.post("/track-records/" + record + "/uses", Map.of("useId", "JSZB-2024-001")).json().get("useCount").asLong())
                .isEqualTo(1);
        assertThat(client.post("/track-records/" + record + "/uses", Map.of("useId", "JSZB-2024-001")).json().get("useCount").asLong())
                .as("the same use again").isEqualTo(1);
        assertThat(client.post("/track-records/" + record + "/uses", Map.of("useId", "JSZB-2024-002")).json().get("useCount").asLong())
                .isEqualTo(2);

        JsonNode listed = find(client.get("/parties/" + party + "/track-records").json(), record);
        assertThat(listed.get("useCount").asLong()).isEqualTo(2);
        assertThat(listed.get("status").asText()).isEqualTo("NORMAL");
        assertThat(listed.get("usableInBidding").asBoolean()).isTrue();
        List<ChangeLedger.Entry> entries = as(() -> ledger.history("track-record", Long.toString(record))).stream()
                .filter(e -> e.action().equals("USE")).toList();
        assertThat(entries).extracting(ChangeLedger.Entry::actor).containsOnly("client:" + client.clientId()).hasSize(2);
        assertProblem(client.post("/track-records/" + record + "/uses", Map.of("useId", "")), 400, "use-id");
        assertProblem(client.post("/track-records/999999/uses", Map.of("useId", "x")), 404, "track-record-not-found");
    }

    @Test
    @DisplayName("JS-42, JS-44, JS-45: a voided track record is listed VOIDED and unusable (trading systems see the void), and a use of it is refused")
    void voidedTrackRecord() {
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "接口作废项目");
        as(() -> projects.voidTrackRecord(party, record, "合同解除", attachments.store(party, "e.pdf", TrackRecordFixture.PDF).id(), "p"));

        JsonNode listed = find(client.get("/parties/" + party + "/track-records?board=ENTERPRISE").json(), record);

        assertThat(listed.get("status").asText()).isEqualTo("VOIDED");
        assertThat(listed.get("usableInBidding").asBoolean()).isFalse();
        assertThat(listed.get("voidReason").asText()).isEqualTo("合同解除");
        assertProblem(client.post("/track-records/" + record + "/uses", Map.of("useId", "JSZB-2024-009")), 409, "track-record-voided");
        assertThat(client.get("/parties/" + party + "/track-records?board=WATER").json()).isEmpty();
    }

    @Test
    @DisplayName("JS-24, X-10: a pushed on-platform project arrives as DRAFT; a later push updates its platform fields, which the party cannot edit")
    void pushProjects() {
        Map<String, Object> push = Map.of("board", "TRANSPORT", "platformCode", "JSJT-2024-0100",
                "data", Map.of("name", "苏锡常南部高速", "owner", "江苏交通控股", "contractAmount", "350000000"));

        JsonNode created = client.post("/parties/" + party + "/projects", push).json();
        assertThat(created.get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.get("platformCode").asText()).isEqualTo("JSJT-2024-0100");
        JsonNode updated = client.post("/parties/" + party + "/projects", Map.of("board", "TRANSPORT", "platformCode", "JSJT-2024-0100",
                "data", Map.of("name", "苏锡常南部高速公路", "owner", "江苏交通控股"))).json();

        assertThat(updated.get("id").asLong()).isEqualTo(created.get("id").asLong());
        assertThat(updated.get("platformData").get("name").asText()).isEqualTo("苏锡常南部高速公路");
        assertThatThrownBy(() -> as(() -> projects.edit(party, created.get("id").asLong(), ExpectedVersion.ANY, Map.of("name", "改名"), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("data.name"));
        assertThat(as(() -> ledger.history("project", created.get("id").asText())))
                .extracting(ChangeLedger.Entry::actor).containsOnly("client:" + client.clientId());
        assertProblem(client.post("/parties/" + party + "/projects", Map.of("platformCode", "X", "data", Map.of("name", "x"))), 400, "validation");
        assertProblem(client.post("/parties/" + party + "/projects", Map.of("board", "TRANSPORT", "data", Map.of("name", "x"))), 400,
                "platform-project");
        assertProblem(client.post("/parties/999999/projects", push), 404, "party-not-found");
    }

    @Test
    @DisplayName("X-04, X-05: a bound certificate's status by serial and issuer (names compared as X.500 names); EXPIRED once past its validity; unknown is 404")
    void certificateStatus() {
        Instant later = Instant.now().plus(365, ChronoUnit.DAYS);
        as(() -> bindings.bind(party, certificate("A1B2C", later, "a"), null, CertificateBindings.Medium.TOKEN, "KEY-1", "王五", "p"));
        as(() -> bindings.bind(party, certificate("A1B2D", Instant.now().minus(1, ChronoUnit.DAYS), "b"),
                null, CertificateBindings.Medium.MOBILE, null, "王五", "p"));
        String issuer = URLEncoder.encode("cn=Test SM2 CA, o=Huren, c=CN", StandardCharsets.UTF_8);

        JsonNode active = client.get("/certificates?serial=00:0a:1b:2c&issuer=" + issuer).json();
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("usable").asBoolean()).isTrue();
        assertThat(active.get("partyId").asLong()).isEqualTo(party);
        assertThat(active.get("primary").asBoolean()).isTrue();
        JsonNode expired = client.get("/certificates?serial=A1B2D&issuer=" + issuer).json();
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("usable").asBoolean()).isFalse();

        assertProblem(client.get("/certificates?serial=A1B2C&issuer=" + URLEncoder.encode("CN=Other CA", StandardCharsets.UTF_8)), 404,
                "certificate-not-found");
        SignedClient.Reply invalid = client.get("/certificates?serial=XYZ&issuer=" + URLEncoder.encode("not a name", StandardCharsets.UTF_8));
        assertProblem(invalid, 400, "validation");
        assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactly("serial", "issuer");
    }

    @Test
    @DisplayName("the v1 API is in OpenAPI with the signing scheme and each operation's scope")
    void openApi() {
        JsonNode docs = HttpApi.anonymous(port).get("/v3/api-docs").json();

        assertThat(docs.get("paths").has("/api/t/{tenant}/v1/parties")).isTrue();
        assertThat(docs.get("paths").has("/api/t/{tenant}/v1/track-records/{id}/uses")).isTrue();
        assertThat(docs.get("components").get("securitySchemes").has("huren-hmac-sha256")).isTrue();
        JsonNode uses = docs.get("paths").get("/api/t/{tenant}/v1/track-records/{id}/uses").get("post");
        assertThat(uses.get("security").get(0).get("huren-hmac-sha256").get(0).asText()).isEqualTo("track-records:use");
        assertThat(uses.get("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("tenant", "id");
    }

    VerifiedCertificate certificate(String serial, Instant notAfter, String fingerprintSeed) {
        return new VerifiedCertificate(serial, "CN=苏州接口测试建设有限公司", "CN=Test SM2 CA,O=Huren,C=CN", Instant.now().minus(400, ChronoUnit.DAYS),
                notAfter, "SM3withSM2", fingerprintSeed.repeat(64), "Test SM2 CA", PartyKind.ENTERPRISE, USCC, "苏州接口测试建设有限公司");
    }

    static JsonNode find(JsonNode list, long id) {
        for (JsonNode n : list) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        throw new AssertionError("no track record " + id + " in " + list);
    }
}
