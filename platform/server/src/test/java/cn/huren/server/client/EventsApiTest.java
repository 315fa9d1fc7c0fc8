package cn.huren.server.client;

import static cn.huren.server.party.ExpectedVersion.ANY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The changes trading systems are told of, published by the real services into the outbox (this
 * server's dispatcher is off in tests, so deliveries stay pending and are read back through v1).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiTest {

    static final Map<String, Object> ACCOUNT = Map.of("bankName", "中国银行", "accountName", "南京事件测试有限公司",
            "accountNumber", "6217000012345678");

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
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    TenantDescriptor js;
    TenantDescriptor sx;
    SignedClient jsClient;
    SignedClient sxClient;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("evjs", "jiangsu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("evsx", "shanxi"));
        js = tenants.require("evjs");
        sx = tenants.require("evsx");
        jsClient = SignedClient.create(port, "evjs", subscriber("南京市交易系统", "*"));
        sxClient = SignedClient.create(port, "evsx", subscriber("太原市交易系统", "*"));
    }

    static Map<String, Object> subscriber(String name, String... events) {
        return Map.of("name", name, "scopes", List.of("registry:read", "track-records:use", "events:read"),
                "webhookUrl", "http://127.0.0.1:9/huren/events", "events", List.of(events));
    }

    @Test
    @DisplayName("JS-45, JS-46, X-03: a registration, a submitted and a voided record, a track record created, used and voided each "
            + "publish one event for the party, in order, with the transaction of the change; a refused change publishes none")
    void producers() {
        long party = RegisteredParties.enterprise(parties, js, RegisteredParties.uscc(4501), "南京事件测试有限公司");
        long account = as(js, () -> records.create(party, RecordKind.BANK_ACCOUNT, ACCOUNT, true, "p").id());
        as(js, () -> records.voidRecord(party, account, ANY, "账户已注销", null, "p"));
        long track = TrackRecordFixture.completed(projects, attachments, js, party, "秦淮河整治工程");
        assertThat(jsClient.post("/track-records/" + track + "/uses", Map.of("useId", "BID-2024-77")).status()).isEqualTo(200);
        var evidence = as(js, () -> attachments.store(party, "void.pdf", TrackRecordFixture.PDF).id());
        int before = events(js).size();
        assertThatThrownBy(() -> as(js, () -> projects.voidTrackRecord(party, track, " ", evidence, "p")))
                .isInstanceOf(ApiException.class);
        assertThat(events(js)).as("a refused void publishes nothing").hasSize(before);
        as(js, () -> projects.voidTrackRecord(party, track, "合同作废", evidence, "p"));

        List<JsonNode> mine = events(js).stream().filter(e -> e.get("orderingKey").asText().equals(Long.toString(party))).toList();
        assertThat(mine).extracting(e -> e.get("type").asText()).containsExactly("party.changed", "party.changed", "record.submitted",
                "record.voided", "track-record.created", "track-record.used", "track-record.voided");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.get("tenant").asText()).isEqualTo("evjs");
            assertThat(e.get("data").get("partyId").asLong()).isEqualTo(party);
        });
        assertThat(mine.get(5).get("data").get("useCount").asLong()).isEqualTo(1);
        assertThat(mine.get(6).get("data").get("status").asText()).isEqualTo("VOIDED");
        assertThat(mine.get(6).get("data").get("usableInBidding").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("X-03: a client reads back an event sent to it; a client of js gets 404 for any event of sx (and sx for js), and its "
            + "credentials are unknown (401) at sx")
    void tenantIsolation() {
        RegisteredParties.enterprise(parties, js, RegisteredParties.uscc(4502), "南京隔离测试有限公司");
        RegisteredParties.enterprise(parties, sx, RegisteredParties.uscc(4503), "太原隔离测试有限公司");
        String jsEvent = events(js).get(0).get("id").asText();
        String sxEvent = events(sx).get(0).get("id").asText();

        SignedClient.Reply own = jsClient.get("/events/" + jsEvent);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(own.json().get("body").asText()).contains(jsEvent).contains("\"tenant\":\"evjs\"");
        assertThat(sxClient.get("/events/" + sxEvent).status()).isEqualTo(200);

        assertThat(jsClient.get("/events/" + sxEvent).status()).isEqualTo(404);
        assertThat(sxClient.get("/events/" + jsEvent).status()).isEqualTo(404);
        assertThat(jsClient.get("/events/not-a-uuid").status()).isEqualTo(404);
        assertThat(jsClient.toTenant("evsx").get("/events/" + sxEvent).status()).isEqualTo(401);
        SignedClient reader = SignedClient.create(port, "evjs", Map.of("name", "只读", "scopes", List.of("registry:read")));
        assertThat(reader.get("/events/" + jsEvent).status()).as("without events:read").isEqualTo(403);
    }

    @Test
    @DisplayName("subscriptions are checked field by field: an unknown pattern, events without a webhook or without events:read are refused")
    void subscriptionsChecked() {
        HttpApi.Reply refused = HttpApi.operator(port).post("/api/platform/tenants/evjs/clients", Map.of("name", "x",
                "scopes", List.of("registry:read"), "events", List.of("Party Changed", "track-record.*")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("message")).anySatisfy(d -> assertThat(d).contains("'Party Changed'"))
                .anySatisfy(d -> assertThat(d).contains("webhookUrl")).anySatisfy(d -> assertThat(d).contains("events:read"));
        HttpApi.Reply created = HttpApi.operator(port).post("/api/platform/tenants/evjs/clients",
                subscriber("常州市交易系统", "track-record.*", "jiangsu.*"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("events")).hasSize(2);
    }

    /** The tenant's outbox, oldest first, as the bodies sent. */
    private List<JsonNode> events(TenantDescriptor tenant) {
        ObjectMapper json = new ObjectMapper();
        return as(tenant, () -> data.jdbc().sql("select body from outbox_event order by seq").query(String.class).list()).stream()
                .map(b -> {
                    try {
                        return json.readTree(b);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    private static <T> T as(TenantDescriptor tenant, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }
}
