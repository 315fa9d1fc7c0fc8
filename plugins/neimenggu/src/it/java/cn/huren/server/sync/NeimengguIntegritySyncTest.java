package cn.huren.server.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.plugins.InstalledPlugins;
import cn.huren.server.plugins.neimenggu.NmgPeople;
import cn.huren.server.plugins.neimenggu.NmgPeople.Person;
import cn.huren.server.plugins.neimenggu.NmgPeople.Reply;
import cn.huren.server.sync.WebhookReceiver.Arrival;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Inner Mongolia plugin's 诚信承诺书 / 平台使用告知书 seals and its integrity sync to Hohhot, against WireMock standing
 * in for Hohhot's platform (its API at /hohhot/, the sync client's webhook at /huren/integrity) with this server's
 * outbox dispatcher running. Persons come bound and 验证通过 through the plugin's own API, activated at Hohhot by the
 * relying-party login the portal reports to the plugin.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguIntegritySyncTest {

    static final String T = "nmgsy";
    static final String HOHHOT_RP = "hohhot-platform-test";
    static final String SYNC = "neimenggu.integrity.sync";
    static final String WEBHOOK = "/huren/integrity";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    InstalledPlugins plugins;

    WebhookReceiver hohhot;
    OutboxFixture.Client client;
    TenantDescriptor tenant;

    @BeforeAll
    void setUp() {
        hohhot = new WebhookReceiver();
        hohhot.server.stubFor(post(urlEqualTo(WEBHOOK)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"applied\":true}")));
        hohhot.server.stubFor(post(urlEqualTo("/hohhot/members/activations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"account\":\"HH-TEST\",\"activatedAt\":\"2026-12-07T08:00:00Z\"}")));
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body(T, "neimenggu")).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
        HttpApi.Reply created = op.post("/api/platform/tenants/" + T + "/clients", Map.of("name", "呼和浩特市公共资源交易平台",
                "scopes", List.of("registry:read"), "webhookUrl", hohhot.url(WEBHOOK)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        client = new OutboxFixture.Client(created.json().get("clientId").asText(), created.json().get("secret").asText());
        HttpApi.Reply configured = op.patch("/api/platform/tenants/" + T + "/config", Map.of(
                "hohhotBaseUrl", hohhot.url("/hohhot/"), "hohhotApiKey", "hohhot-test-key", "hohhotTimeoutMillis", 2000,
                "hohhotOidcClientId", HOHHOT_RP, "hohhotSyncClientId", client.id(), "hohhotSandbox", false)); // WireMock, not the sandbox
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        tenant = tenants.require(T);
        dispatcher.start();
    }

    @AfterAll
    void stop() {
        dispatcher.stop();
        hohhot.close();
    }

    NmgPeople people() {
        return new NmgPeople(port, T, new SentCodes(sms, T));
    }

    /** Bound, 验证通过, activated at Hohhot. */
    Person activated() {
        Person p = people().validated();
        NmgPeople.logsInTo(plugins, tenant, HOHHOT_RP, p.partyId(), p.fingerprint());
        return p;
    }

    Reply seal(Person p, String document) {
        byte[] bytes = p.bytes("/me/documents/" + document);
        return p.post("/me/documents/" + document + "/seal", Map.of("signature", p.seal(bytes)));
    }

    @Test
    @DisplayName("NMG-16, X-09: the sync is refused (409 documents-unsealed, naming them) until both documents show 已签章; nothing is published")
    void syncRefusedBeforeBothSeals() {
        Person p = activated();
        Reply none = p.post("/me/sync", null);
        assertThat(none.status()).as(none.body()).isEqualTo(409);
        assertThat(none.json().get("type").asText()).endsWith("documents-unsealed");
        assertThat(none.json().get("detail").asText()).contains("诚信承诺书", "平台使用告知书");

        assertThat(seal(p, "pledge").status()).isEqualTo(200);
        Reply one = p.post("/me/sync", null);
        assertThat(one.status()).isEqualTo(409);
        assertThat(one.json().get("detail").asText()).contains("平台使用告知书").doesNotContain("诚信承诺书，");
        assertThat(p.get("/me/sync").json().get("unsealed").toString()).isEqualTo("[\"notice\"]");
        assertThat(p.get("/me/sync").json().get("syncAllowed").asBoolean()).isFalse();
        assertThat(events(p.partyId())).isZero();
    }

    @Test
    @DisplayName("NMG-15, X-09: each document is rendered for the party (same bytes every time), sealed with the person's certificate it shows 已签章 "
            + "with signer, time and certificate; another person's certificate is refused and changes nothing")
    void sealsWithThePersonsCertificate() {
        Person p = activated();
        byte[] pledge = p.bytes("/me/documents/pledge");
        assertThat(new String(pledge, StandardCharsets.UTF_8)).contains("诚信承诺书", p.name, p.residentId);
        assertThat(p.bytes("/me/documents/pledge")).as("deterministic").isEqualTo(pledge);
        assertThat(new String(p.bytes("/me/documents/notice"), StandardCharsets.UTF_8)).contains("平台使用告知书", p.name);

        Person other = activated();
        Reply foreign = p.post("/me/documents/pledge/seal", Map.of("signature", other.seal(pledge)));
        assertThat(foreign.status()).as(foreign.body()).isIn(400, 403, 409, 422);
        assertThat(foreign.json().get("type").asText()).endsWith("signer-not-party");
        Reply tampered = p.post("/me/documents/pledge/seal", Map.of("signature", p.seal("另一份文书".getBytes(StandardCharsets.UTF_8))));
        assertThat(tampered.status()).isIn(400, 422);
        assertThat(p.get("/me/documents").json().findValuesAsText("state")).containsExactly("UNSEALED", "UNSEALED");

        Reply sealed = seal(p, "pledge");
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        JsonNode state = sealed.json();
        assertThat(state.get("state").asText()).isEqualTo("SEALED");
        assertThat(state.get("stateZh").asText()).isEqualTo("已签章");
        assertThat(state.at("/seal/signer").asText()).isEqualTo(p.name);
        assertThat(state.at("/seal/serial").asText()).isNotBlank();
        assertThat(state.at("/seal/fingerprint").asText()).isEqualTo(p.fingerprint());
        assertThat(state.at("/seal/signedAt").asText()).isNotBlank();
        assertThat(p.get("/me/documents").json().findValuesAsText("state")).containsExactly("SEALED", "UNSEALED");
    }

    @Test
    @DisplayName("NMG-02: sealing before the Hohhot activation is refused 409 intake-order")
    void sealBeforeActivationRefused() {
        Person p = people().validated();
        Reply refused = seal(p, "pledge");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("intake-order");
    }

    @Test
    @DisplayName("NMG-16, X-03: with both seals the sync publishes one event addressed to Hohhot's client in the request's transaction: "
            + "Hohhot receives exactly one delivery, signed with the client's secret, Idempotency-Key = event id; a second press sends nothing (已是最新)")
    void syncDeliversOnce() {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        Reply synced = p.post("/me/sync", null);
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().get("outcome").asText()).isEqualTo("SUBMITTED");
        UUID event = UUID.fromString(synced.json().at("/run/eventId").asText());

        await().atMost(PATIENCE).until(() -> !answered(event).isEmpty());
        List<Arrival> arrivals = arrivalsOf(event);
        assertThat(arrivals).hasSize(1);
        Arrival a = arrivals.get(0);
        assertThat(a.signature()).isEqualTo(a.expectedSignature(client.secret()));
        assertThat(a.idempotencyKey()).isEqualTo(event.toString());
        assertThat(a.type()).isEqualTo(SYNC);
        JsonNode body = json(a.body()).get("data");
        assertThat(body.get("partyRef").asText()).isEqualTo("party-" + p.partyId());
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("digest").asText()).isEqualTo(synced.json().at("/run/digest").asText());
        assertThat(body.at("/snapshot/name").asText()).isEqualTo(p.name);
        assertThat(body.at("/snapshot/fields").toString()).contains("呼和浩特市赛罕区同步路");

        Reply again = p.post("/me/sync", null);
        assertThat(again.json().get("outcome").asText()).isEqualTo("UP_TO_DATE");
        assertThat(events(p.partyId())).as("nothing new published").isEqualTo(1);
        JsonNode status = p.get("/me/sync").json();
        assertThat(status.get("state").asText()).isEqualTo("CURRENT");
        assertThat(p.get("/me/progress").json().get("steps").findValuesAsText("state")).containsExactly("DONE", "DONE", "DONE", "DONE");
    }

    @Test
    @DisplayName("A forced sync (POST me/sync?force=true) pushes the unchanged snapshot again as the next version, so a delivery Hohhot never "
            + "applied can be sent again; without force it stays 已是最新")
    void forcedResync() {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        UUID first = UUID.fromString(p.post("/me/sync", null).json().at("/run/eventId").asText());
        await().atMost(PATIENCE).until(() -> !answered(first).isEmpty());
        assertThat(p.post("/me/sync", null).json().get("outcome").asText()).isEqualTo("UP_TO_DATE");

        Reply forced = p.post("/me/sync?force=true", null);
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().get("outcome").asText()).isEqualTo("SUBMITTED");
        assertThat(forced.json().at("/run/version").asLong()).isEqualTo(2);
        UUID second = UUID.fromString(forced.json().at("/run/eventId").asText());
        assertThat(second).isNotEqualTo(first);
        await().atMost(PATIENCE).until(() -> !answered(second).isEmpty());
        assertThat(json(arrivalsOf(second).get(0).body()).at("/data/version").asLong()).isEqualTo(2);
        assertThat(events(p.partyId())).isEqualTo(2);
        assertThat(p.get("/me/sync").json().get("state").asText()).isEqualTo("CURRENT");
    }

    @Test
    @DisplayName("X-03: Hohhot down during the sync (503, then a reset connection) and back — the outbox retries and the sync is delivered once, "
            + "the same key and body on every attempt")
    void hohhotDownThenBack() {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        String party = "\"partyRef\":\"party-" + p.partyId() + "\"";
        hohhot.server.stubFor(post(urlEqualTo(WEBHOOK)).atPriority(1).withRequestBody(containing(party))
                .withHeader("X-Huren-Delivery-Attempt", equalTo("1")).willReturn(aResponse().withStatus(503)));
        hohhot.server.stubFor(post(urlEqualTo(WEBHOOK)).atPriority(1).withRequestBody(containing(party))
                .withHeader("X-Huren-Delivery-Attempt", equalTo("2")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        UUID event = UUID.fromString(p.post("/me/sync", null).json().at("/run/eventId").asText());

        await().atMost(PATIENCE).until(() -> !answered(event).isEmpty());
        List<Arrival> arrivals = arrivalsOf(event);
        assertThat(arrivals).extracting(Arrival::attempt).startsWith(1, 2, 3);
        assertThat(answered(event)).as("delivered once").hasSize(1);
        assertThat(arrivals).allSatisfy(a -> {
            assertThat(a.idempotencyKey()).isEqualTo(event.toString());
            assertThat(a.body()).isEqualTo(arrivals.get(0).body());
        });
        assertThat(events(p.partyId())).isEqualTo(1);
    }

    @Test
    @DisplayName("X-03, NMG-17: the person sees how the sync's delivery stands — given up on after every attempt failed (Hohhot down), "
            + "投递失败 with the error; 重新投递 sends the same event once Hohhot is back, applied once; nothing to redeliver after that (409)")
    void deadSyncIsRedelivered() throws Exception {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        var down = hohhot.server.stubFor(post(urlEqualTo(WEBHOOK)).atPriority(1)
                .withRequestBody(containing("\"partyRef\":\"party-" + p.partyId() + "\"")).willReturn(aResponse().withStatus(503).withBody("maintenance")));
        assertThat(p.post("/me/sync/redeliver", null).status()).as("no sync yet").isEqualTo(409);
        UUID event = UUID.fromString(p.post("/me/sync", null).json().at("/run/eventId").asText());

        await().atMost(PATIENCE).until(() -> "DEAD".equals(p.get("/me/sync").json().at("/delivery/status").asText()));
        JsonNode delivery = p.get("/me/sync").json().get("delivery");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(delivery.get("lastError").asText()).contains("503", "maintenance");
        PageBrowser browser = new PageBrowser();
        browser.signIn(p);
        String page = browser.get("/t/" + T + "/p/neimenggu/unit-info").body();
        assertThat(find(page, "id=\"sync-delivery\"[^>]*>([^<]+)<")).contains("投递失败", "6", "503");
        assertThat(page).contains("id=\"redeliver-button\"");

        hohhot.server.removeStub(down);
        HttpResponse<String> again = browser.form("/t/" + T + "/p/neimenggu/unit-info", csrf(page), "action=redeliver");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(p.get("/me/sync").json().at("/delivery/status").asText()));
        assertThat(answered(event)).as("the same event, applied once").hasSize(1);
        assertThat(events(p.partyId())).as("no new version").isEqualTo(1);
        page = browser.get("/t/" + T + "/p/neimenggu/unit-info?done=redelivered").body();
        java.time.Instant deliveredAt = java.time.Instant.parse(p.get("/me/sync").json().at("/delivery/deliveredAt").asText());
        assertThat(find(page, "id=\"sync-delivery\"[^>]*>([^<]+)<")).as("in Beijing time, as every page shows times")
                .isEqualTo("已送达呼和浩特平台：" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .format(deliveredAt.atZone(java.time.ZoneId.of("Asia/Shanghai"))));
        assertThat(page).doesNotContain("id=\"redeliver-button\"");
        Reply twice = p.post("/me/sync/redeliver", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("nothing-to-redeliver");
    }

    @Test
    @DisplayName("NMG-17: a registry change marks Hohhot's copy out of date (需要重新同步, the SYNC step no longer done); the re-sync delivers the new version")
    void registryChangeAsksForResync() {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        UUID first = UUID.fromString(p.post("/me/sync", null).json().at("/run/eventId").asText());
        assertThat(p.get("/me/sync").json().get("state").asText()).isEqualTo("CURRENT");

        Reply saved = p.send("PUT", "/api/t/" + T + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市新城区重新同步路 9 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode stale = p.get("/me/sync").json();
        assertThat(stale.get("state").asText()).isEqualTo("OUT_OF_DATE");
        assertThat(stale.get("message").asText()).contains("需要重新同步");
        assertThat(p.get("/me/progress").json().get("steps").findValuesAsText("state")).containsExactly("DONE", "DONE", "DONE", "CURRENT");

        Reply resync = p.post("/me/sync", null);
        assertThat(resync.json().get("outcome").asText()).isEqualTo("SUBMITTED");
        UUID second = UUID.fromString(resync.json().at("/run/eventId").asText());
        assertThat(second).isNotEqualTo(first);
        await().atMost(PATIENCE).until(() -> !answered(second).isEmpty());
        JsonNode data = json(arrivalsOf(second).get(0).body()).get("data");
        assertThat(data.get("version").asLong()).isEqualTo(2);
        assertThat(data.at("/snapshot/fields").toString()).contains("重新同步路");
        assertThat(p.get("/me/sync").json().get("state").asText()).isEqualTo("CURRENT");
    }

    @Test
    @DisplayName("NMG-18: after a sync the comparison with Hohhot's copy shows 一致 row by row, a field Hohhot lacks as 缺失; Hohhot unreachable only says so")
    void comparisonShowsMissingField() {
        Person p = activated();
        seal(p, "pledge");
        seal(p, "notice");
        UUID event = UUID.fromString(p.post("/me/sync", null).json().at("/run/eventId").asText());
        await().atMost(PATIENCE).until(() -> !answered(event).isEmpty());
        JsonNode sent = json(arrivalsOf(event).get(0).body()).get("data");
        String copyPath = "/hohhot/members/party-" + p.partyId() + "/integrity";

        hohhot.server.stubFor(get(urlEqualTo(copyPath)).willReturn(copy(sent, null)));
        JsonNode complete = p.get("/me/sync/comparison").json();
        assertThat(complete.get("reachable").asBoolean()).isTrue();
        assertThat(complete.get("complete").asBoolean()).as(complete.toString()).isTrue();
        assertThat(complete.get("rows").findValuesAsText("match")).isNotEmpty().containsOnly("CONSISTENT");

        hohhot.server.stubFor(get(urlEqualTo(copyPath)).willReturn(copy(sent, "address")));
        JsonNode lacking = p.get("/me/sync/comparison").json();
        assertThat(lacking.get("complete").asBoolean()).isFalse();
        assertThat(lacking.get("missing").asLong()).isEqualTo(1);
        JsonNode address = null;
        for (JsonNode row : lacking.get("rows")) {
            if (row.get("key").asText().equals("address")) {
                address = row;
            }
        }
        assertThat(address).isNotNull();
        assertThat(address.get("match").asText()).isEqualTo("MISSING");
        assertThat(address.get("matchZh").asText()).isEqualTo("缺失");

        hohhot.server.stubFor(get(urlEqualTo(copyPath)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonNode down = p.get("/me/sync/comparison").json();
        assertThat(down.get("reachable").asBoolean()).isFalse();
        assertThat(down.get("rows").size()).isZero();
        assertThat(p.get("/me/sync").json().get("state").asText()).as("nothing else changes").isEqualTo("CURRENT");
    }

    @Test
    @DisplayName("X-10, NMG-17: Hohhot's copy is read-only — its edit call is refused 409 hohhot-copy-read-only, pointing to the registry")
    void hohhotCopyReadOnly() {
        Person p = activated();
        Reply refused = p.send("PUT", "/api/t/" + T + "/plugins/neimenggu/me/hohhot-copy", Map.of("fields", Map.of("address", "改")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("hohhot-copy-read-only");
        assertThat(refused.json().get("detail").asText()).contains("主体信息库", "修改信息");
    }


    @Test
    @DisplayName("NMG-15, NMG-16: the 单位信息 page — both documents 未签章 and the sync button disabled; a .p7s uploaded per document shows "
            + "已签章 with the signer; 同步内蒙古主体库诚信信息 submits the sync and shows the comparison with Hohhot's copy")
    void unitInfoPage() throws Exception {
        Person p = activated();
        PageBrowser browser = new PageBrowser();
        browser.signIn(p);
        assertThat(browser.get("/t/" + T + "/p/neimenggu/hohhot").body()).contains("已激活", "HH-TEST");
        HttpResponse<String> syncStep = browser.get("/t/" + T + "/p/neimenggu/sync");
        assertThat(syncStep.statusCode()).isEqualTo(302);
        assertThat(syncStep.headers().firstValue("Location").orElseThrow()).endsWith("unit-info");
        String page = browser.get("/t/" + T + "/p/neimenggu/unit-info").body();
        assertThat(page).contains("单位信息", "诚信承诺书", "平台使用告知书", "同步内蒙古主体库诚信信息");
        assertThat(find(page, "id=\"state-pledge\"[^>]*>([^<]+)<")).isEqualTo("未签章");
        assertThat(find(page, "(<button id=\"sync-button\"[^>]*>)")).contains("disabled");

        for (String document : List.of("pledge", "notice")) {
            byte[] bytes = browser.bytes("/t/" + T + "/p/neimenggu/unit-info/" + document + ".txt");
            assertThat(bytes).isEqualTo(p.bytes("/me/documents/" + document));
            HttpResponse<String> sealed = browser.multipart("/t/" + T + "/p/neimenggu/unit-info", csrf(page),
                    Map.of("action", "seal", "document", document), java.util.Base64.getDecoder().decode(p.seal(bytes)));
            assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(302);
            page = browser.get("/t/" + T + "/p/neimenggu/unit-info?done=sealed").body();
            assertThat(find(page, "id=\"state-" + document + "\"[^>]*>([^<]+)<")).isEqualTo("已签章");
            assertThat(find(page, "id=\"signer-" + document + "\"[^>]*>([^<]+)<")).isEqualTo(p.name);
        }
        assertThat(find(page, "(<button id=\"sync-button\"[^>]*>)")).doesNotContain("disabled");

        HttpResponse<String> synced = browser.form("/t/" + T + "/p/neimenggu/unit-info", csrf(page), "action=sync");
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(302);
        String location = synced.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("done=synced");
        page = browser.get("/t/" + T + "/p/neimenggu/" + location.substring(location.lastIndexOf('/') + 1)).body();
        assertThat(page).contains("已提交同步", "已提交同步，与主体库一致", "呼和浩特平台诚信库信息（只读）");
        assertThat(events(p.partyId())).isEqualTo(1);
    }

    // --- fixtures

    private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder copy(JsonNode sent, String withoutField) {
        ObjectNode snapshot = sent.get("snapshot").deepCopy();
        if (withoutField != null) {
            ((ObjectNode) snapshot.get("fields")).remove(withoutField);
        }
        ObjectNode copy = JSON.createObjectNode();
        copy.put("partyRef", sent.get("partyRef").asText()).put("account", "HH-TEST").put("synced", true)
                .put("version", sent.get("version").asLong()).put("digest", sent.get("digest").asText())
                .put("syncedAt", sent.get("syncedAt").asText()).set("snapshot", snapshot);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(copy.toString());
    }

    private static String csrf(String page) {
        return find(page, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the page", regex).isTrue();
        return m.group(1);
    }

    /** A cookie-keeping browser on the tenant's path-mode portal, signed in as the mobile app signs it in. */
    private final class PageBrowser {

        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(request(path).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        byte[] bytes(String path) throws Exception {
            HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }

        HttpResponse<String> form(String path, String csrf, String form) throws Exception {
            return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> multipart(String path, String csrf, Map<String, String> fields, byte[] file) throws Exception {
            String boundary = "nmg-page-boundary";
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            for (Map.Entry<String, String> f : all.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue()
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"seal.p7s\"\r\n"
                    + "Content-Type: application/pkcs7-signature\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(request(path + "?_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        }

        void signIn(Person p) throws Exception {
            String page = get("/t/" + T + "/login/mobile").body();
            String payload = find(page, "id=\"qr-payload\">([^<]+)<").replace("&amp;", "&");
            String challenge = param(payload, "challenge");
            String message = "huren-login:" + T + ":" + challenge + ":" + param(payload, "nonce");
            HttpResponse<String> answer = http.send(request("/api/t/" + T + "/login/challenges/" + challenge + "/response")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("certificate", p.key.certificate,
                            "signature", p.key.sign(message))))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            HttpResponse<String> session = form("/t/" + T + "/login/session", csrf(page), "challenge=" + challenge);
            assertThat(session.statusCode()).as(session.body()).isEqualTo(302);
        }

        private String param(String url, String name) {
            return URLDecoder.decode(find(url, "[?&]" + name + "=([^&]+)"), StandardCharsets.UTF_8);
        }
    }

    private List<Arrival> arrivalsOf(UUID event) {
        return hohhot.arrivals(a -> a.path().equals(WEBHOOK) && event.toString().equals(a.eventId()));
    }

    private List<Arrival> answered(UUID event) {
        return arrivalsOf(event).stream().filter(Arrival::answered).toList();
    }

    private long events(long partyId) {
        return TenantContext.callAs(tenant, () -> data.jdbc().sql("select count(*) from outbox_event where type = ? and party_key = ?")
                .params(SYNC, Long.toString(partyId)).query(Long.class).single());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
