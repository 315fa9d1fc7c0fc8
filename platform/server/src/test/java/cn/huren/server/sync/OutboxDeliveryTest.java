package cn.huren.server.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.sync.WebhookReceiver.Arrival;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhook delivery against WireMock faults, with this server's dispatcher running for the class. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    WebhookReceiver receiver;
    OutboxFixture fixture;

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
        fixture = new OutboxFixture(port, tenants, outbox, tx);
        dispatcher.start();
    }

    @AfterAll
    void stop() {
        dispatcher.stop();
        receiver.close();
    }

    @Test
    @DisplayName("X-03, X-11: through connection resets, 500s, responses slower than the timeout and dribbled bodies every event arrives, "
            + "signed; a duplicate carries the same idempotency key and body; each party's events arrive in order")
    void faults() {
        fixture.tenant("obxf", "jiangsu");
        OutboxFixture.Client client = fixture.client("obxf", receiver.url("/hooks/faults"), List.of("*"));
        receiver.server.stubFor(post(urlEqualTo("/hooks/faults")).atPriority(10).willReturn(aResponse().withStatus(204)));
        // an event marked "fault" meets, attempt by attempt: a reset, a 500, a reply after the timeout, a body dribbled past it
        fault(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        fault(2, aResponse().withStatus(500).withBody("busy"));
        fault(3, aResponse().withStatus(200).withFixedDelay(1_500));
        fault(4, aResponse().withStatus(200).withBody("accepted, slowly").withChunkedDribbleDelay(4, 2_000));

        List<String> parties = List.of("p1", "p2", "p3", "p4", "p5", "p6");
        List<UUID> ids = publishMarked("obxf", parties, 36, 5);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.summary("obxf").delivered()).isEqualTo(36));
        assertThat(fixture.summary("obxf").dead()).isZero();

        List<Arrival> arrivals = receiver.at("/hooks/faults");
        assertThat(WebhookReceiver.answered(arrivals)).as("every event answered 2xx at least once")
                .containsAll(ids.stream().map(UUID::toString).toList());
        assertThat(arrivals).allSatisfy(a -> {
            assertThat(a.signature()).isEqualTo(a.expectedSignature(client.secret()));
            assertThat(a.idempotencyKey()).isEqualTo(a.eventId());
            assertThat(a.tenant()).isEqualTo("obxf");
        });
        Map<String, List<Arrival>> byKey = arrivals.stream().collect(Collectors.groupingBy(Arrival::idempotencyKey));
        assertThat(byKey.values()).as("retries send the same bytes under the same key")
                .allSatisfy(same -> assertThat(same.stream().map(Arrival::body).distinct()).hasSize(1));
        assertThat(byKey.values().stream().filter(same -> same.size() > 1)).as("the faults made duplicates").isNotEmpty();
        assertThat(arrivals.stream().filter(a -> a.attempt() == 4).count()).as("dribbled bodies were met").isPositive();
        WebhookReceiver.sequencesByKey(arrivals).forEach((party, sequences) ->
                assertThat(sequences).as("party " + party + " in order").isSorted());
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient sql;

    @Test
    @DisplayName("X-03: a tenant whose outbox cannot be read rests and holds up no other tenant; once readable again, its events arrive too")
    void oneBrokenTenantHoldsUpNoOther() {
        fixture.tenant("obxb", "jiangsu");
        fixture.tenant("obxg", "jiangsu");
        fixture.client("obxb", receiver.url("/hooks/broken"), List.of("*"));
        fixture.client("obxg", receiver.url("/hooks/good"), List.of("*"));
        receiver.server.stubFor(post(urlEqualTo("/hooks/broken")).willReturn(aResponse().withStatus(200)));
        receiver.server.stubFor(post(urlEqualTo("/hooks/good")).willReturn(aResponse().withStatus(200)));
        dispatcher.stop();
        fixture.publish("obxb", EventTypes.RECORD_SUBMITTED, List.of("b1"), 3);
        sql.sql("alter table tenant_obxb.outbox_delivery rename to outbox_delivery_away").update();
        try {
            dispatcher.start();
            fixture.publish("obxg", EventTypes.RECORD_SUBMITTED, List.of("g1", "g2"), 4);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.summary("obxg").delivered()).isEqualTo(4));
            assertThat(receiver.at("/hooks/broken")).isEmpty();
        } finally {
            sql.sql("alter table tenant_obxb.outbox_delivery_away rename to outbox_delivery").update();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.summary("obxb").delivered()).isEqualTo(3));
    }

    @Test
    @DisplayName("X-03, X-11: events published while a client is disabled wait for it and arrive, in order, as soon as it is enabled again")
    void disabledClientsEventsWait() {
        fixture.tenant("obxw", "jiangsu");
        OutboxFixture.Client client = fixture.client("obxw", receiver.url("/hooks/wait"), List.of("*"));
        receiver.server.stubFor(post(urlEqualTo("/hooks/wait")).willReturn(aResponse().withStatus(200)));
        String base = "/api/platform/tenants/obxw/clients/" + client.id();
        assertThat(HttpApi.operator(port).post(base + "/disable", null).status()).isEqualTo(200);

        List<UUID> ids = fixture.publish("obxw", EventTypes.RECORD_SUBMITTED, List.of("w1"), 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(receiver.at("/hooks/wait")).isEmpty());
        assertThat(fixture.summary("obxw").pending()).isEqualTo(3);

        assertThat(HttpApi.operator(port).post(base + "/enable", null).status()).isEqualTo(200);
        // well inside the minute a held delivery would otherwise wait: enabling releases it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.summary("obxw").delivered()).isEqualTo(3));
        assertThat(receiver.at("/hooks/wait").stream().map(Arrival::eventId).toList())
                .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
    }

    @Test
    @DisplayName("X-03: after max-attempts failures an event is a dead letter that holds back its party's later events, not other "
            + "parties'; the operator replays it and the party's events follow in order")
    void deadLetterAndReplay() {
        fixture.tenant("obxd", "jiangsu");
        fixture.client("obxd", receiver.url("/hooks/dead"), List.of("record.*"));
        receiver.server.stubFor(post(urlEqualTo("/hooks/dead")).atPriority(10).willReturn(aResponse().withStatus(200)));
        receiver.server.stubFor(post(urlEqualTo("/hooks/dead")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.orderingKey", equalTo("down"))).willReturn(aResponse().withStatus(503).withBody("maintenance")));

        fixture.publish("obxd", EventTypes.RECORD_SUBMITTED, List.of("down", "up"), 6);

        await().atMost(PATIENCE).untilAsserted(() -> {
            OutboxAdmin.Summary s = fixture.summary("obxd");
            assertThat(List.of(s.dead(), s.delivered(), s.pending())).containsExactly(1L, 3L, 2L);
        });
        List<Arrival> down = receiver.at("/hooks/dead").stream().filter(a -> a.orderingKey().equals("down")).toList();
        assertThat(down).as("only the first event of the party, max-attempts times").hasSize(6)
                .extracting(Arrival::attempt).containsExactly(1, 2, 3, 4, 5, 6);
        HttpApi.Reply dead = HttpApi.operator(port).get("/api/platform/tenants/obxd/outbox/dead-letters");
        assertThat(dead.json()).hasSize(1);
        assertThat(dead.json().get(0).get("lastError").asText()).contains("HTTP 503").contains("maintenance");
        assertThat(dead.json().get(0).get("attempts").asInt()).isEqualTo(6);

        receiver.server.resetMappings();
        receiver.server.stubFor(post(urlEqualTo("/hooks/dead")).willReturn(aResponse().withStatus(200)));
        assertThat(HttpApi.operator(port).post("/api/platform/tenants/obxd/outbox/dead-letters/999999/replay", null).status())
                .isEqualTo(404);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants/obxd/outbox/dead-letters/replay", null).json().get("replayed").asInt())
                .isEqualTo(1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.summary("obxd").delivered()).isEqualTo(6));
        List<Arrival> downAfter = receiver.at("/hooks/dead").stream().filter(a -> a.orderingKey().equals("down")).toList();
        assertThat(downAfter.stream().map(Arrival::sequence).toList()).isSorted();
        assertThat(downAfter.stream().map(Arrival::eventId).distinct()).hasSize(3);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/obxd/outbox/dead-letters").json()).isEmpty();
    }

    @Test
    @DisplayName("a receiver's answer with U+0000 and a surrogate pair straddling the cut is stored made storable: the failure is "
            + "recorded (retries, then a dead letter) and the other deliveries of the batch stay delivered")
    void hostileAnswerIsRecorded() {
        fixture.tenant("obxh", "jiangsu");
        fixture.client("obxh", receiver.url("/hooks/hostile"), List.of("record.*"));
        receiver.server.stubFor(post(urlEqualTo("/hooks/hostile")).atPriority(10).willReturn(aResponse().withStatus(200)));
        // "HTTP 500 " + body: the emoji's high surrogate is the 497th character, where the answer is cut
        String body = "\u0000" + "a".repeat(486) + "😀" + "b".repeat(100);
        receiver.server.stubFor(post(urlEqualTo("/hooks/hostile")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.orderingKey", equalTo("bad"))).willReturn(aResponse().withStatus(500).withBody(body)));

        fixture.publish("obxh", EventTypes.RECORD_SUBMITTED, List.of("bad", "ok"), 4);

        await().atMost(PATIENCE).untilAsserted(() -> {
            OutboxAdmin.Summary s = fixture.summary("obxh");
            assertThat(List.of(s.dead(), s.delivered(), s.pending())).containsExactly(1L, 2L, 1L);
        });
        String lastError = HttpApi.operator(port).get("/api/platform/tenants/obxh/outbox/dead-letters").json().get(0).get("lastError").asText();
        assertThat(lastError).startsWith("HTTP 500 \uFFFDaaa").doesNotContain("\u0000").endsWith("a...").hasSizeLessThanOrEqualTo(500);
        assertThat(receiver.at("/hooks/hostile").stream().filter(a -> a.orderingKey().equals("ok")).map(Arrival::eventId).distinct())
                .as("delivered once each, not rolled back and re-sent").hasSize(2);
    }

    @Test
    @DisplayName("an event whose transaction rolls back is never sent; a client gets only the types it subscribed to")
    void rollbackAndSubscriptions() {
        fixture.tenant("obxs", "jiangsu");
        fixture.client("obxs", receiver.url("/hooks/only-voids"), List.of(EventTypes.TRACK_RECORD_VOIDED));
        receiver.server.stubFor(post(urlEqualTo("/hooks/only-voids")).willReturn(aResponse().withStatus(200)));
        try {
            TenantContext.runAs(tenants.require("obxs"), () -> tx.executeWithoutResult(s -> {
                outbox.publish(EventTypes.TRACK_RECORD_VOIDED, "7", Map.of());
                throw new IllegalStateException("the change fails after publishing");
            }));
        } catch (IllegalStateException expected) {
            // rolled back with its event
        }
        fixture.publish("obxs", EventTypes.RECORD_SUBMITTED, List.of("7"), 2);
        List<UUID> voids = fixture.publish("obxs", EventTypes.TRACK_RECORD_VOIDED, List.of("7"), 1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixture.summary("obxs").delivered()).isEqualTo(1));
        assertThat(fixture.summary("obxs").pending()).isZero();
        // at least once: a retry after a stale keep-alive connection may repeat it, under the same key
        assertThat(receiver.at("/hooks/only-voids")).as("attempts %s", receiver.at("/hooks/only-voids").stream().map(Arrival::attempt).toList())
                .extracting(Arrival::eventId).containsOnly(voids.get(0).toString());
    }

    /** Stubs attempt {@code n} of every event whose data is marked "fault". */
    private void fault(int attempt, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        receiver.server.stubFor(post(urlEqualTo("/hooks/faults")).atPriority(1)
                .withHeader("X-Huren-Delivery-Attempt", equalTo(Integer.toString(attempt)))
                .withRequestBody(matchingJsonPath("$.data.fault", equalTo("yes"))).willReturn(response));
    }

    /** {@code count} events round-robin over the parties; every {@code every}-th one marked to meet the faults. */
    private List<UUID> publishMarked(String tenant, List<String> parties, int count, int every) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> TenantContext.callAs(tenants.require(tenant),
                () -> tx.execute(s -> outbox.publish(EventTypes.TRACK_RECORD_USED, parties.get(i % parties.size()),
                        Map.of("n", i, "fault", i % every == 0 ? "yes" : "no"))))).toList();
    }
}
