package cn.huren.server.sync;

import static cn.huren.server.party.ExpectedVersion.ANY;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.client.TrackRecordFixture;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.sync.WebhookReceiver.Arrival;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JS-45: Jiangsu's city trading systems (two WireMock servers) get every void of a track record,
 * qualification or certificate entry through the outbox, with this server's dispatcher running.
 * Suzhou answers each push first with a 500, then too slowly (past the request timeout), then recovers.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JiangsuCitySyncTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATUS_SYNC = "jiangsu.status-sync";
    private static final String OID = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    PartyRegistration parties;
    @Autowired
    Projects projects;
    @Autowired
    RegistryRecords records;
    @Autowired
    Attachments attachments;
    @Autowired
    TenantData data;
    @Autowired
    TransactionTemplate tx;

    WebhookReceiver nanjing;
    WebhookReceiver suzhou;
    OutboxFixture.Client nj;
    OutboxFixture.Client sz;
    TenantDescriptor js;
    long party;
    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("城市同步 SM2 CA", KeyAlgorithm.SM2);

    @BeforeAll
    void setUp() {
        nanjing = new WebhookReceiver();
        suzhou = new WebhookReceiver();
        nanjing.server.stubFor(post(urlEqualTo("/huren/sync")).willReturn(aResponse().withStatus(200)));
        nanjing.server.stubFor(post(urlEqualTo("/other")).willReturn(aResponse().withStatus(200)));
        nanjing.server.stubFor(post(urlEqualTo("/sx")).willReturn(aResponse().withStatus(200)));
        suzhou.server.stubFor(post(urlEqualTo("/huren/sync")).atPriority(10).willReturn(aResponse().withStatus(200)));
        suzhou.server.stubFor(post(urlEqualTo("/huren/sync")).atPriority(1).withHeader("X-Huren-Delivery-Attempt", equalTo("1"))
                .willReturn(aResponse().withStatus(500).withBody("city system restarting")));
        suzhou.server.stubFor(post(urlEqualTo("/huren/sync")).atPriority(1).withHeader("X-Huren-Delivery-Attempt", equalTo("2"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));

        HttpApi operator = HttpApi.operator(port);
        assertThat(operator.post("/api/platform/tenants", Tenants.body("jcsy", "jiangsu")).status()).isEqualTo(201);
        assertThat(operator.post("/api/platform/tenants/jcsy/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID))).status()).isEqualTo(201);
        js = tenants.require("jcsy");
        nj = client("jcsy", "南京市公共资源交易系统", nanjing.url("/huren/sync"), List.of());
        sz = client("jcsy", "苏州市公共资源交易系统", suzhou.url("/huren/sync"), List.of());
        HttpApi.Reply configured = operator.patch("/api/platform/tenants/jcsy/config", Map.of("citySystems",
                "# 江苏省各地市交易系统\n南京|" + nj.id() + "\n苏州|" + sz.id() + "|https://sz.example.cn/old-push-url"));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        party = RegisteredParties.enterprise(parties, js, RegisteredParties.uscc(4551), "江苏城市同步有限公司");
        dispatcher.start();
    }

    @AfterAll
    void stop() {
        dispatcher.stop();
        nanjing.close();
        suzhou.close();
    }

    @Test
    @DisplayName("JS-45, X-03: a voided track record is pushed to every configured city system, signed with its own client's "
            + "secret; Suzhou fails (500, then a timeout) and recovers: it gets the same event, same idempotency key and body, nothing lost; "
            + "an API client not listed gets no push even though it subscribed to every core event")
    void trackRecordVoidReachesEveryCity() {
        OutboxFixture.Client outsider = client("jcsy", "无锡市交易系统（未配置）", nanjing.url("/other"), List.of("*"));
        long record = TrackRecordFixture.completed(projects, attachments, js, party, "太湖治理工程");
        as(js, () -> projects.voidTrackRecord(party, record, "合同解除", attachments.store(party, "void.pdf", TrackRecordFixture.PDF).id(), "p"));

        UUID event = statusSync(js, "trackRecordId", record);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(js, event)).containsExactlyInAnyOrderEntriesOf(
                Map.of(nj.id(), "DELIVERED", sz.id(), "DELIVERED")));

        JsonNode body = json(pushes(nanjing, event).get(0).body());
        assertThat(body.get("type").asText()).isEqualTo(STATUS_SYNC);
        assertThat(body.get("orderingKey").asText()).isEqualTo(Long.toString(party));
        JsonNode data = body.get("data");
        assertThat(data.get("status").asText()).isEqualTo("VOIDED");
        assertThat(data.get("reason").asText()).isEqualTo("合同解除");
        assertThat(data.get("coreEvent").asText()).isEqualTo("track-record.voided");
        assertThat(Instant.parse(data.get("changedAt").asText())).isBefore(Instant.now());
        assertThat(data.get("subject").get("kind").asText()).isEqualTo("track-record");
        assertThat(data.get("subject").get("projectName").asText()).isEqualTo("太湖治理工程");
        assertThat(data.get("party").get("uscc").asText()).isEqualTo(RegisteredParties.uscc(4551));
        assertThat(pushes(nanjing, event)).allSatisfy(a -> assertThat(a.signature()).isEqualTo(a.expectedSignature(nj.secret())));

        List<Arrival> atSuzhou = pushes(suzhou, event);
        assertThat(atSuzhou).extracting(Arrival::attempt).as("a 500, a timeout, then the recovery").startsWith(1, 2, 3);
        assertThat(atSuzhou).allSatisfy(a -> {
            assertThat(a.idempotencyKey()).isEqualTo(event.toString());
            assertThat(a.body()).as("the same bytes on every retry").isEqualTo(atSuzhou.get(0).body());
            assertThat(a.signature()).isEqualTo(a.expectedSignature(sz.secret()));
        });
        assertThat(json(atSuzhou.get(0).body()).get("data")).as("one event for all cities").isEqualTo(data);

        await().atMost(PATIENCE).until(() -> !nanjing.arrivals(a -> a.path().equals("/other") && a.type().equals("track-record.voided")
                && mentions(a, record)).isEmpty());
        assertThat(nanjing.at("/other")).extracting(Arrival::type).doesNotContain(STATUS_SYNC);
        assertThat(deliveries(js, event)).doesNotContainKey(outsider.id());
        assertThat(HttpApi.anonymous(port).get("/api/t/jcsy/plugins/jiangsu/info").json().get("citySystemNotes").toString())
                .as("the old format's push URL is accepted and ignored").contains("webhook URL of API client " + sz.id());
    }

    @Test
    @DisplayName("JS-45, X-03: a voided qualification reaches every city system; a voided bank account concerns no city system")
    void qualificationVoidReachesEveryCity() {
        long account = as(js, () -> records.create(party, RecordKind.BANK_ACCOUNT, Map.of("bankName", "中国银行",
                "accountName", "江苏城市同步有限公司", "accountNumber", "6217000012345679"), true, "p").id());
        as(js, () -> records.voidRecord(party, account, ANY, "账户已注销", null, "p"));
        long qualification = as(js, () -> records.create(party, RecordKind.QUALIFICATION, Map.of("board", "HOUSING_WATER",
                "name", "建筑工程施工总承包", "certificateNumber", "D232000001", "level", "一级", "issuer", "江苏省住房和城乡建设厅"),
                true, "p").id());
        as(js, () -> records.voidRecord(party, qualification, ANY, "资质证书已注销",
                attachments.store(party, "q.pdf", TrackRecordFixture.PDF).id(), "p"));

        UUID event = statusSync(js, "recordId", qualification);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(js, event)).containsExactlyInAnyOrderEntriesOf(
                Map.of(nj.id(), "DELIVERED", sz.id(), "DELIVERED")));
        JsonNode data = json(pushes(suzhou, event).get(0).body()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("VOIDED");
        assertThat(data.get("subject").get("kind").asText()).isEqualTo("qualification");
        assertThat(data.get("reason").asText()).isEqualTo("资质证书已注销");
        assertThat(count(js, "data,subject,recordId", Long.toString(account))).as("no push for a bank account").isZero();
    }

    @Test
    @DisplayName("JS-45, X-03: a certificate entry voided in permission management reaches every city system with its serial and issuer")
    void certificateVoidReachesEveryCity() throws Exception {
        String uscc = RegisteredParties.uscc(4552);
        PartyClient client = new PartyClient(port);
        String primary = client.login("jcsy", certificate(uscc));
        assertThat(client.call("POST", "jcsy", "/register", primary, null).statusCode()).isEqualTo(201);
        String secondary = client.login("jcsy", certificate(uscc));
        assertThat(client.call("POST", "jcsy", "/activation", secondary, Map.of("holderName", "经办人")).statusCode()).isEqualTo(201);
        JsonNode second = PartyClient.json(client.call("GET", "jcsy", "/certificates", primary, null)).get(1);
        String evidence = client.upload("jcsy", primary, "proof.pdf", TrackRecordFixture.PDF);
        assertThat(client.call("POST", "jcsy", "/certificates/" + second.get("id").asLong() + "/void", primary,
                Map.of("reason", "经办人离职", "evidence", evidence)).statusCode()).isEqualTo(200);

        UUID event = statusSync(js, "serial", second.get("serial").asText());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(js, event)).containsExactlyInAnyOrderEntriesOf(
                Map.of(nj.id(), "DELIVERED", sz.id(), "DELIVERED")));
        JsonNode data = json(pushes(nanjing, event).get(0).body()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("VOIDED");
        assertThat(data.get("subject").get("kind").asText()).isEqualTo("certificate");
        assertThat(data.get("subject").get("issuer").asText()).isEqualTo(second.get("issuer").asText());
        assertThat(data.get("subject").get("cause").asText()).isEqualTo("BINDING_VOIDED");
        assertThat(data.get("party").get("uscc").asText()).isEqualTo(uscc);
    }

    @Test
    @DisplayName("JS-45, X-03: a void that rolls back pushes nothing, the next one of the party goes out; a tenant not on Jiangsu pushes nothing")
    void rollbackAndOtherTenants() {
        long rolledBack = TrackRecordFixture.completed(projects, attachments, js, party, "回滚项目");
        long voided = TrackRecordFixture.completed(projects, attachments, js, party, "作废项目");
        UUID evidence = as(js, () -> attachments.store(party, "v.pdf", TrackRecordFixture.PDF).id());
        assertThatThrownBy(() -> TenantContext.runAs(js, () -> tx.executeWithoutResult(s -> {
            projects.voidTrackRecord(party, rolledBack, "误操作", evidence, "p");
            throw new IllegalStateException("the change fails after the void");
        }))).isInstanceOf(IllegalStateException.class);
        as(js, () -> projects.voidTrackRecord(party, voided, "合同解除", evidence, "p"));

        UUID event = statusSync(js, "trackRecordId", voided);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(js, event)).containsExactlyInAnyOrderEntriesOf(
                Map.of(nj.id(), "DELIVERED", sz.id(), "DELIVERED")));
        assertThat(count(js, "data,subject,trackRecordId", Long.toString(rolledBack))).isZero();
        assertThat(nanjing.arrivals(a -> mentions(a, rolledBack))).isEmpty();

        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("scsy", "shanxi")).status()).isEqualTo(201);
        TenantDescriptor sx = tenants.require("scsy");
        client("scsy", "太原市交易系统", nanjing.url("/sx"), List.of("*"));
        long sxParty = RegisteredParties.enterprise(parties, sx, RegisteredParties.uscc(4553), "山西同步测试有限公司");
        long sxRecord = TrackRecordFixture.completed(projects, attachments, sx, sxParty, "汾河治理工程");
        as(sx, () -> projects.voidTrackRecord(sxParty, sxRecord, "合同解除", attachments.store(sxParty, "s.pdf", TrackRecordFixture.PDF).id(), "p"));
        await().atMost(PATIENCE).until(() -> !nanjing.arrivals(a -> a.path().equals("/sx") && a.type().equals("track-record.voided")).isEmpty());
        assertThat(nanjing.at("/sx")).extracting(Arrival::type).doesNotContain(STATUS_SYNC);
        assertThat(as(sx, () -> data.jdbc().sql("select count(*) from outbox_event where type like 'jiangsu.%'").query(Long.class).single()))
                .isZero();
    }

    private OutboxFixture.Client client(String tenant, String name, String webhook, List<String> events) {
        HttpApi.Reply created = HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/clients", Map.of("name", name,
                "scopes", List.of("registry:read", "events:read", "track-records:use"), "webhookUrl", webhook, "events", events));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new OutboxFixture.Client(created.json().get("clientId").asText(), created.json().get("secret").asText());
    }

    private Issued certificate(String uscc) {
        return ca.issue(Subject.of("江苏城市同步证书有限公司", null, Map.of(OID, uscc))
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))));
    }

    /** The one status-sync event whose subject has {@code field} = {@code value}, published with the change. */
    private UUID statusSync(TenantDescriptor tenant, String field, Object value) {
        List<UUID> ids = as(tenant, () -> data.jdbc().sql("""
                        select id from outbox_event where type = ? and body::jsonb #>> '{data,subject,%s}' = ?""".formatted(field))
                .params(STATUS_SYNC, value.toString()).query(UUID.class).list());
        assertThat(ids).as("one status-sync event for %s=%s", field, value).hasSize(1);
        return ids.get(0);
    }

    private long count(TenantDescriptor tenant, String path, String value) {
        return as(tenant, () -> data.jdbc().sql("select count(*) from outbox_event where type = ? and body::jsonb #>> ?::text[] = ?")
                .params(STATUS_SYNC, "{" + path + "}", value).query(Long.class).single());
    }

    private Map<String, String> deliveries(TenantDescriptor tenant, UUID event) {
        return as(tenant, () -> data.jdbc().sql("""
                        select d.client_id, d.status from outbox_delivery d join outbox_event e on e.seq = d.event_seq where e.id = ?""")
                .param(event).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<Arrival> pushes(WebhookReceiver city, UUID event) {
        Predicate<Arrival> of = a -> a.path().equals("/huren/sync") && event.toString().equals(a.eventId());
        return city.arrivals(of);
    }

    private static boolean mentions(Arrival arrival, long trackRecord) {
        return arrival.body().matches("(?s).*\"trackRecordId\":" + trackRecord + "[,}].*");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T as(TenantDescriptor tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }
}
