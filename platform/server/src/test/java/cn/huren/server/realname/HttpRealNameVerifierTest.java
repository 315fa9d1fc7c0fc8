package cn.huren.server.realname;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.IdentityClaim;
import cn.huren.plugin.api.IdentityDocumentType;
import cn.huren.plugin.api.RealNameException;
import cn.huren.plugin.api.RealNameException.Reason;
import cn.huren.plugin.api.RealNameResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class HttpRealNameVerifierTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:30:00Z"), ZoneOffset.UTC);
    static final IdentityClaim CLAIM = new IdentityClaim("张三", IdentityDocumentType.RESIDENT_ID, "11010519491231002X");
    static final String CARD = "6222020200112233445";

    WireMockServer provider;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger("cn.huren")).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("cn.huren")).detachAppender(logged);
        provider.stop();
    }

    HttpRealNameVerifier verifier(Duration timeout) {
        ProviderSettings settings = new ProviderSettings(URI.create(provider.baseUrl() + "/gateway/"), "app-1", "secret-1");
        return new HttpRealNameVerifier(() -> settings, CLOCK, timeout, () -> "nonce-1");
    }

    @Test
    @DisplayName("each method is a JSON POST to its path, signed over method, path, timestamp, nonce and body; MATCH answers the reference")
    void signedRequests() throws Exception {
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/identity")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"r-1\"}")));
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/face")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"r-2\"}")));
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/bank-card")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"r-3\"}")));

        assertThat(verifier(Duration.ofSeconds(5)).verifyIdentity(CLAIM)).isEqualTo(new RealNameResult(RealNameResult.Outcome.MATCH, "r-1", ""));
        assertThat(verifier(Duration.ofSeconds(5)).verifyFace(CLAIM, "certify-42").reference()).isEqualTo("r-2");
        assertThat(verifier(Duration.ofSeconds(5)).verifyBankCard(CLAIM, CARD, "13812345678").reference()).isEqualTo("r-3");

        ObjectMapper json = new ObjectMapper();
        for (LoggedRequest request : provider.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))) {
            assertThat(request.getHeader("X-Huren-App-Key")).isEqualTo("app-1");
            assertThat(request.getHeader("X-Huren-Timestamp")).isEqualTo("1796632200");
            assertThat(request.getHeader("X-Huren-Nonce")).isEqualTo("nonce-1");
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            String expected = RealNameSignature.sign("secret-1", RealNameSignature.stringToSign("POST", request.getUrl(),
                    "1796632200", "nonce-1", request.getBody()));
            assertThat(request.getHeader("X-Huren-Signature")).isEqualTo(expected);
            JsonNode body = json.readTree(request.getBody());
            assertThat(body.get("name").asText()).isEqualTo("张三");
            assertThat(body.get("documentType").asText()).isEqualTo("RESIDENT_ID");
            assertThat(body.get("documentNumber").asText()).isEqualTo("11010519491231002X");
            if (request.getUrl().endsWith("/face")) {
                assertThat(body.get("faceToken").asText()).isEqualTo("certify-42");
            }
            if (request.getUrl().endsWith("/bank-card")) {
                assertThat(body.get("cardNumber").asText()).isEqualTo(CARD);
                assertThat(body.get("cardMobile").asText()).isEqualTo("13812345678");
            }
        }
        assertThat(provider.getAllServeEvents()).hasSize(3);
        assertNothingPersonalLogged();
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage().contains("1101**********002X"))
                .anyMatch(e -> e.getFormattedMessage().contains("*3445"));
    }

    @Test
    @DisplayName("MISMATCH is a verdict, with the provider's reference and message")
    void mismatch() {
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/identity"))
                .willReturn(okJson("{\"code\":\"MISMATCH\",\"reference\":\"r-9\",\"message\":\"name does not match\"}")));

        RealNameResult result = verifier(Duration.ofSeconds(5)).verifyIdentity(CLAIM);

        assertThat(result).isEqualTo(new RealNameResult(RealNameResult.Outcome.MISMATCH, "r-9", "name does not match"));
        assertNothingPersonalLogged();
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "200|{\"code\":\"MATCH\"}|UNAVAILABLE|malformed-answer",
            "200|{\"code\":\"PERHAPS\",\"reference\":\"r\"}|UNAVAILABLE|malformed-answer",
            "200|<html>ok</html>|UNAVAILABLE|malformed-answer",
            "200|[\"MATCH\"]|UNAVAILABLE|malformed-answer",
            "401|{\"code\":\"SIGNATURE_INVALID\",\"message\":\"bad signature\"}|REFUSED|SIGNATURE_INVALID",
            "400|{\"code\":\"INVALID_DOCUMENT\"}|REFUSED|INVALID_DOCUMENT",
            "400|not json|UNAVAILABLE|http-400",
            "429|{\"code\":\"RATE_LIMITED\"}|UNAVAILABLE|http-429",
            "500|{\"code\":\"INTERNAL\"}|UNAVAILABLE|http-500",
            "503|''|UNAVAILABLE|http-503",
            "302|''|UNAVAILABLE|http-302"})
    @DisplayName("answers without a verdict are sorted: a 4xx with a code is a refusal, 5xx, redirects and unreadable answers are the provider failing")
    void answers(int status, String body, Reason reason, String code) {
        assertThatThrownBy(() -> HttpRealNameVerifier.answer(status, body))
                .isInstanceOfSatisfying(RealNameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    @DisplayName("a provider error over HTTP is UNAVAILABLE; a redirect is not followed")
    void serverErrorAndRedirect() {
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/identity")).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/face")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", provider.baseUrl() + "/gateway/v1/identity")));

        assertThatThrownBy(() -> verifier(Duration.ofSeconds(5)).verifyIdentity(CLAIM))
                .isInstanceOfSatisfying(RealNameException.class, e -> assertThat(e.code()).isEqualTo("http-502"));
        assertThatThrownBy(() -> verifier(Duration.ofSeconds(5)).verifyFace(CLAIM, "t"))
                .isInstanceOfSatisfying(RealNameException.class, e -> assertThat(e.code()).isEqualTo("http-302"));
        assertThat(provider.getAllServeEvents()).hasSize(2);
        assertNothingPersonalLogged();
    }

    @Test
    @DisplayName("no answer within the timeout is TIMEOUT; a closed port is UNAVAILABLE (unreachable)")
    void timeoutAndUnreachable() {
        provider.stubFor(post(urlPathEqualTo("/gateway/v1/identity")).willReturn(okJson("{\"code\":\"MATCH\",\"reference\":\"r\"}")
                .withFixedDelay(2_000)));

        assertThatThrownBy(() -> verifier(Duration.ofMillis(300)).verifyIdentity(CLAIM))
                .isInstanceOfSatisfying(RealNameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        HttpRealNameVerifier closed = new HttpRealNameVerifier(
                () -> new ProviderSettings(URI.create("http://127.0.0.1:1/"), "a", "s"), CLOCK, Duration.ofSeconds(2));
        assertThatThrownBy(() -> closed.verifyIdentity(CLAIM))
                .isInstanceOfSatisfying(RealNameException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("unreachable");
                });
        assertNothingPersonalLogged();
    }

    @Test
    @DisplayName("settings and claims print without the secret, the name or the number")
    void printing() {
        assertThat(new ProviderSettings(URI.create("https://p.example/"), "app-1", "secret-1").toString()).doesNotContain("secret-1");
        assertThat(CLAIM.toString()).doesNotContain("张三").doesNotContain("11010519491231002X").contains("1101**********002X");
        assertThat(new IdentityClaim("x", IdentityDocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, "USA310085031501").maskedDocumentNumber())
                .isEqualTo("USA*********501");
    }

    private void assertNothingPersonalLogged() {
        assertThat(logged.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("张三").doesNotContain("11010519491231002X").doesNotContain(CARD).doesNotContain("13812345678")
                .doesNotContain("secret-1").doesNotContain("certify-42"));
    }
}
