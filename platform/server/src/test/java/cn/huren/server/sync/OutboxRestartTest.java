package cn.huren.server.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.server.HurenApplication;
import cn.huren.server.IntegrationTest;
import cn.huren.server.sync.WebhookReceiver.Arrival;
import cn.huren.server.tenancy.TenantDirectory;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A server dies while its webhook requests are in flight, and another starts on the same database.
 * This test's server only publishes (its dispatcher is off in tests); the two delivering servers
 * are application contexts of their own with the dispatcher on.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRestartTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    WebhookReceiver receiver;

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    @Test
    @DisplayName("X-03, X-11: a server killed mid-delivery loses nothing: after a restart every event arrives at least once, the "
            + "repeated ones under the same idempotency key, each party's in order")
    void restartMidDelivery() {
        OutboxFixture fixture = new OutboxFixture(port, tenants, outbox, tx);
        fixture.tenant("obxr", "jiangsu");
        OutboxFixture.Client client = fixture.client("obxr", receiver.url("/hooks/restart"), List.of("*"));
        // slow enough that the first server is stopped with requests in flight
        receiver.server.stubFor(post(urlEqualTo("/hooks/restart")).willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        List<UUID> ids = fixture.publish("obxr", EventTypes.RECORD_SUBMITTED, List.of("a", "b", "c", "d", "e"), 25);

        ConfigurableApplicationContext first = node();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/hooks/restart").size() >= 3);
        first.close();
        OutboxAdmin.Summary atKill = fixture.summary("obxr");
        assertThat(atKill.pending()).as("the kill left work undone").isPositive();
        int seenBeforeRestart = receiver.at("/hooks/restart").size();

        receiver.server.resetMappings();
        receiver.server.stubFor(post(urlEqualTo("/hooks/restart")).willReturn(aResponse().withStatus(200)));
        ConfigurableApplicationContext second = node();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fixture.summary("obxr").delivered()).isEqualTo(25));
        } finally {
            second.close();
        }

        List<Arrival> arrivals = receiver.at("/hooks/restart");
        assertThat(arrivals.size()).isGreaterThan(seenBeforeRestart);
        assertThat(arrivals.stream().map(Arrival::eventId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
        Map<String, List<Arrival>> byKey = arrivals.stream().collect(Collectors.groupingBy(Arrival::idempotencyKey));
        assertThat(byKey.values().stream().filter(same -> same.size() > 1)).as("requests in flight at the kill were sent again")
                .isNotEmpty().allSatisfy(same -> assertThat(same.stream().map(Arrival::body).distinct()).hasSize(1));
        assertThat(arrivals).allSatisfy(a -> assertThat(a.signature()).isEqualTo(a.expectedSignature(client.secret())));
        WebhookReceiver.sequencesByKey(arrivals).forEach((party, sequences) ->
                assertThat(sequences).as("party " + party + " in order").isSorted());
    }

    /** A server on the same database that delivers, and dies without waiting for its requests in flight. */
    private static ConfigurableApplicationContext node() {
        // arguments, not default properties: those would lose to the it profile's
        return new SpringApplicationBuilder(HurenApplication.class).profiles("it")
                .run("--server.port=0", "--huren.outbox.dispatcher-enabled=true", "--huren.outbox.request-timeout=PT5S",
                        "--huren.outbox.lease=PT6S", "--huren.outbox.shutdown-wait=PT0S");
    }
}
