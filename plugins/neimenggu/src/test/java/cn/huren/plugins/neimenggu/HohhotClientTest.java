package cn.huren.plugins.neimenggu;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.TenantInfo;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** HohhotClient against WireMock standing in for Hohhot's platform: the contract's answers and every fault. */
class HohhotClientTest {

    static WireMockServer hohhot;

    final HohhotClient client = new HohhotClient(() -> new ConfigValues(Map.of()), () -> false,
            () -> Optional.of(new TenantInfo("nmg", "内蒙古", "Inner Mongolia", "t_nmg")));

    @BeforeAll
    static void start() {
        hohhot = new WireMockServer(wireMockConfig().dynamicPort());
        hohhot.start();
    }

    @AfterAll
    static void stop() {
        hohhot.stop();
    }

    @BeforeEach
    void reset() {
        hohhot.resetAll();
    }

    HohhotSettings settings(long timeoutMillis) {
        return new HohhotSettings(URI.create(hohhot.baseUrl() + "/huren/"), "k-123", Duration.ofMillis(timeoutMillis), "oidc", "sync", false, null);
    }

    static HohhotClient.ActivationRequest person() {
        return new HohhotClient.ActivationRequest("party-42", "NATURAL_PERSON", "王测试", "150102199001011234", null, "13800000000", null,
                "1A2B", "ab".repeat(32));
    }

    @Test
    @DisplayName("activation: POST /members/activations with the API key, the tenant and the party as JSON; the account comes back")
    void activates() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"account\":\"HHHT-000042\",\"activatedAt\":\"2026-12-07T10:00:00Z\"}")));

        HohhotClient.Activation a = client.activate(settings(2000), person());

        assertThat(a).isEqualTo(new HohhotClient.Activation("HHHT-000042", Instant.parse("2026-12-07T10:00:00Z")));
        hohhot.verify(postRequestedFor(urlEqualTo("/huren/members/activations"))
                .withHeader("Authorization", equalTo("Bearer k-123"))
                .withHeader("X-Huren-Tenant", equalTo("nmg"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"partyRef":"party-42","kind":"NATURAL_PERSON","name":"王测试","residentId":"150102199001011234",
                         "contact":{"mobile":"13800000000"},"certificate":{"serial":"1A2B","fingerprint":"%s"}}""".formatted("ab".repeat(32)))));
    }

    @Test
    @DisplayName("integrity copy: the snapshot Hohhot holds, with version, digest and time; not synced yet; 404 is no member")
    void readsIntegrityCopy() {
        IntegritySnapshot snapshot = new IntegritySnapshot("NATURAL_PERSON", "王测试", "150102199001011234", Map.of("phone", "13800000000"),
                java.util.List.of(new IntegritySnapshot.Document("d1", "ID_CARD_FRONT", "front.png", 10, "cd".repeat(32))),
                java.util.List.of(new IntegritySnapshot.Record(7, "qualification", "VALID", "三级", 2)));
        String body = IntegritySnapshot.JSON.createObjectNode().put("partyRef", "party-42").put("account", "HHHT-000042").put("synced", true)
                .put("version", 3).put("digest", snapshot.digest()).put("syncedAt", "2026-12-07T11:00:00Z")
                .set("snapshot", IntegritySnapshot.JSON.valueToTree(snapshot.toMap())).toString();
        hohhot.stubFor(get("/huren/members/party-42/integrity").willReturn(okJson(body)));
        hohhot.stubFor(get("/huren/members/party-43/integrity").willReturn(okJson("{\"partyRef\":\"party-43\",\"account\":\"HHHT-43\",\"synced\":false}")));
        hohhot.stubFor(get("/huren/members/party-44/integrity").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"type\":\"member-not-found\"}")));

        HohhotClient.IntegrityCopy copy = client.integrityCopy(settings(2000), "party-42").orElseThrow();
        assertThat(copy.synced()).isTrue();
        assertThat(copy.version()).isEqualTo(3);
        assertThat(copy.snapshot()).isEqualTo(snapshot);
        assertThat(copy.snapshot().digest()).isEqualTo(copy.digest());
        assertThat(copy.syncedAt()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));

        assertThat(client.integrityCopy(settings(2000), "party-43").orElseThrow().synced()).isFalse();
        assertThat(client.integrityCopy(settings(2000), "party-44")).isEmpty();
    }

    @Test
    @DisplayName("a 5xx is an http-status failure (502 to the person), with Hohhot's status kept")
    void serverError() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(aResponse().withStatus(503).withBody("down")));

        assertThatThrownBy(() -> client.activate(settings(2000), person())).isInstanceOfSatisfying(HohhotException.class, e -> {
            assertThat(e.reason()).isEqualTo(HohhotException.Reason.HTTP_STATUS);
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isEqualTo("hohhot-http-status");
            assertThat(e.getMessage()).contains("呼和浩特平台").doesNotContain("Exception");
        });
    }

    @Test
    @DisplayName("401 (a wrong API key) and 409 integrity-read-only keep Hohhot's problem type")
    void refusals() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"type\":\"unauthorized\",\"status\":401}")));

        assertThatThrownBy(() -> client.activate(settings(2000), person())).isInstanceOfSatisfying(HohhotException.class, e -> {
            assertThat(e.reason()).isEqualTo(HohhotException.Reason.HTTP_STATUS);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.problemType()).isEqualTo("unauthorized");
        });
    }

    @Test
    @DisplayName("a connection reset by the peer is unreachable")
    void connectionReset() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.activate(settings(2000), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.UNREACHABLE));
    }

    @Test
    @DisplayName("a refused connection (nothing listening) is unreachable")
    void connectionRefused() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HohhotSettings nowhere = new HohhotSettings(URI.create("http://127.0.0.1:" + port + "/"), "k", Duration.ofSeconds(2), null, null, false, null);

        assertThatThrownBy(() -> client.activate(nowhere, person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.UNREACHABLE));
    }

    @Test
    @DisplayName("an answer later than hohhotTimeoutMillis is a timeout (504 to the person)")
    void timeout() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"account\":\"A\",\"activatedAt\":\"2026-12-07T10:00:00Z\"}")
                .withFixedDelay(3_000)));

        assertThatThrownBy(() -> client.activate(settings(500), person())).isInstanceOfSatisfying(HohhotException.class, e -> {
            assertThat(e.reason()).isEqualTo(HohhotException.Reason.TIMEOUT);
            assertThat(e.status()).isEqualTo(504);
        });
    }

    @Test
    @DisplayName("headers in time but a body dribbling past the timeout is a timeout too: the whole answer is bounded")
    void slowBody() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"account\":\"HHHT-000042\",\"activatedAt\":\"2026-12-07T10:00:00Z\"}")
                .withChunkedDribbleDelay(20, 3_000)));

        assertThatThrownBy(() -> client.activate(settings(500), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.TIMEOUT));
    }

    @Test
    @DisplayName("a 200 that is not the contract's JSON (not JSON, no account, a bad instant, too large) is malformed")
    void malformed() {
        hohhot.stubFor(post("/huren/members/activations").willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));
        assertThatThrownBy(() -> client.activate(settings(2000), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.MALFORMED));

        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"activatedAt\":\"2026-12-07T10:00:00Z\"}")));
        assertThatThrownBy(() -> client.activate(settings(2000), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.MALFORMED));

        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"account\":\"A\",\"activatedAt\":\"yesterday\"}")));
        assertThatThrownBy(() -> client.activate(settings(2000), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.MALFORMED));

        hohhot.stubFor(post("/huren/members/activations").willReturn(okJson("{\"account\":\"" + "x".repeat(HohhotClient.MAX_BODY) + "\"}")));
        assertThatThrownBy(() -> client.activate(settings(2000), person()))
                .isInstanceOfSatisfying(HohhotException.class, e -> assertThat(e.reason()).isEqualTo(HohhotException.Reason.MALFORMED));
    }

    @Test
    @DisplayName("NMG-01: without a base URL (and no sandbox) the call fails as not configured, nothing sent")
    void notConfigured() {
        HohhotSettings none = HohhotSettings.of(new ConfigValues(Map.of()), true);

        assertThatThrownBy(() -> client.activate(none, person())).isInstanceOfSatisfying(HohhotException.class, e -> {
            assertThat(e.reason()).isEqualTo(HohhotException.Reason.NOT_CONFIGURED);
            assertThat(e.status()).isEqualTo(503);
        });
    }
}
