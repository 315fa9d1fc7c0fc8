package cn.huren.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.registry.Projects;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Jiangsu's city trading systems report track-record uses at the plugin's endpoint, signed as their API client. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JiangsuTrackRecordUsesTest {

    @LocalServerPort
    int port;
    @Autowired
    PartyRegistration parties;
    @Autowired
    Projects projects;
    @Autowired
    Attachments attachments;
    @Autowired
    TenantDirectory tenants;

    TenantDescriptor tenant;
    long party;
    SignedClient nanjing;
    SignedClient notACity;

    @BeforeAll
    void setUp() {
        HttpApi operator = HttpApi.operator(port);
        operator.post("/api/platform/tenants", Tenants.body("jsuse", "jiangsu"));
        tenant = tenants.byCode("jsuse").orElseThrow();
        party = RegisteredParties.enterprise(parties, tenant, TestIdentifiers.uscc("91320100MA1W20001"), "南京业绩使用有限公司");
        nanjing = SignedClient.create(port, "jsuse", Map.of("name", "南京市交易系统", "scopes", List.of("track-records:use", "registry:read")));
        notACity = SignedClient.create(port, "jsuse", Map.of("name", "其他系统", "scopes", List.of("track-records:use")));
        HttpApi.Reply configured = operator.patch("/api/platform/tenants/jsuse/config",
                Map.of("citySystems", "南京|" + nanjing.clientId() + "|https://nj.example.cn/huren/sync\n苏州|sz-trading|"));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("JS-46: a city system's use reports at the plugin endpoint are counted once per use id; the count shows in the track-record list")
    void usesCountedOncePerUseId() {
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "南京使用计数项目");

        JsonNode first = nanjing.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of("useId", "NJZB-2024-001")).json();
        JsonNode repeat = nanjing.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of("useId", "NJZB-2024-001")).json();
        JsonNode second = nanjing.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of("useId", "NJZB-2024-002")).json();

        assertThat(first.get("useCount").asLong()).isEqualTo(1);
        assertThat(first.get("city").asText()).isEqualTo("南京");
        assertThat(repeat.get("useCount").asLong()).as("a repeated use id changes nothing").isEqualTo(1);
        assertThat(second.get("useCount").asLong()).isEqualTo(2);
        assertThat(TenantContext.callAs(tenant, () -> projects.trackRecords(party, cn.huren.server.registry.ProjectBoard.ENTERPRISE))
                .stream().filter(t -> t.id() == record).findFirst().orElseThrow().useCount())
                .as("what the portal's track-record list shows").isEqualTo(2);
        assertThat(HttpApi.anonymous(port).get("/api/t/jsuse/plugins/jiangsu/info").json().get("citySystems").toString())
                .contains("南京", "苏州");
    }

    @Test
    @DisplayName("JS-46: an API client that is not a configured city system, an unsigned call and a bad use id are refused and count nothing")
    void refusals() {
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "拒绝计数项目");

        SignedClient.Reply foreign = notACity.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of("useId", "X-1"));
        HttpApi.Reply unsigned = HttpApi.anonymous(port).post("/api/t/jsuse/plugins/jiangsu/track-records/" + record + "/uses",
                Map.of("useId", "X-2"));
        SignedClient.Reply badSignature = nanjing.request("POST", "", Map.of("useId", "X-3")).withPath(
                "/api/t/jsuse/plugins/jiangsu/track-records/" + record + "/uses").signedAs("tampered").send();
        SignedClient.Reply noUseId = nanjing.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of());

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(noUseId.status()).isEqualTo(400);
        assertThat(TenantContext.callAs(tenant, () -> projects.trackRecords(party, cn.huren.server.registry.ProjectBoard.ENTERPRISE))
                .stream().filter(t -> t.id() == record).findFirst().orElseThrow().useCount()).isZero();
    }

    @Test
    @DisplayName("JS-42, JS-44: a use of a voided track record is refused (409)")
    void voidedRecordCannotBeUsed() {
        long record = TrackRecordFixture.completed(projects, attachments, tenant, party, "作废后使用项目");
        TenantContext.callAs(tenant, () -> projects.voidTrackRecord(party, record, "合同解除",
                attachments.store(party, "e.pdf", TrackRecordFixture.PDF).id(), "p"));

        assertThat(nanjing.postToPlugin("jiangsu", "/track-records/" + record + "/uses", Map.of("useId", "V-1")).status()).isEqualTo(409);
    }
}
