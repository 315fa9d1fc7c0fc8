package cn.huren.server.banktransfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.BankTransfer;
import cn.huren.plugin.api.BankTransferException;
import cn.huren.plugin.api.BankTransferException.Reason;
import cn.huren.plugin.api.BankTransferQuery;
import cn.huren.server.support.HmacSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The bank-transfer contract's client against WireMock as a tenant's bank gateway (no server). */
class HttpBankTransferVerifierTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:30:00Z"), ZoneOffset.UTC);
    static final String PATH = "/bank/v1/incoming-transfers/search";
    static final String COLLECTION = "955880000000000042";
    static final String PAYER = "互认测试科技有限公司";
    static final BankTransferQuery QUERY = new BankTransferQuery(COLLECTION, "123456", 137,
            Instant.parse("2026-12-06T08:00:00Z"), Instant.parse("2026-12-07T08:30:00Z"));
    static final String FOUND = """
            {"code":"FOUND","transfer":{"payerAccountMasked":"************123456","payerName":"%s","amountFen":%d,
             "bankReference":"%s","at":"2026-12-07T07:00:00Z"}}""";

    WireMockServer bank;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        bank = new WireMockServer(options().dynamicPort());
        bank.start();
        // the bank's books: one transfer of 1.37 from an account ending in 123456; nothing else
        bank.stubFor(post(urlPathEqualTo(PATH)).atPriority(5).willReturn(okJson("{\"code\":\"NOT_FOUND\"}")));
        bank.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.amountFen", equalTo("137")))
                .withRequestBody(matchingJsonPath("$.payerAccountLast6", equalTo("123456")))
                .withRequestBody(matchingJsonPath("$.collectionAccount", equalTo(COLLECTION)))
                .willReturn(okJson(FOUND.formatted(PAYER, 137, "BR-0001"))));
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger("cn.huren")).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("cn.huren")).detachAppender(logged);
        bank.stop();
    }

    HttpBankTransferVerifier verifier(Duration timeout) {
        GatewaySettings settings = new GatewaySettings(URI.create(bank.baseUrl() + "/bank/"), "app-1", "secret-1");
        return new HttpBankTransferVerifier(() -> settings, CLOCK, timeout, () -> "nonce-1");
    }

    @Test
    @DisplayName("a match: one JSON POST signed over method, path, timestamp, nonce and body, answering the transfer as the bank reports it")
    void match() throws Exception {
        Optional<BankTransfer> found = verifier(Duration.ofSeconds(5)).findTransfer(QUERY);

        assertThat(found).contains(new BankTransfer("****123456", PAYER, 137, "BR-0001", Instant.parse("2026-12-07T07:00:00Z")));
        assertThat(HttpBankTransferVerifier.remask("6222 0202 0011 2233 123456")).as("a gateway that sends the whole number: kept to six digits")
                .isEqualTo("****123456");
        LoggedRequest request = bank.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(request.getUrl()).isEqualTo(PATH);
        assertThat(request.getHeader("X-Huren-App-Key")).isEqualTo("app-1");
        assertThat(request.getHeader("X-Huren-Timestamp")).isEqualTo("1796632200");
        assertThat(request.getHeader("X-Huren-Nonce")).isEqualTo("nonce-1");
        assertThat(request.getHeader("X-Huren-Signature")).isEqualTo(HmacSignature.sign("secret-1",
                HmacSignature.stringToSign("POST", PATH, "1796632200", "nonce-1", request.getBody())));
        JsonNode body = new ObjectMapper().readTree(request.getBody());
        assertThat(body.get("collectionAccount").asText()).isEqualTo(COLLECTION);
        assertThat(body.get("payerAccountLast6").asText()).isEqualTo("123456");
        assertThat(body.get("amountFen").asLong()).isEqualTo(137);
        assertThat(body.get("from").asText()).isEqualTo("2026-12-06T08:00:00Z");
        assertThat(body.get("to").asText()).isEqualTo("2026-12-07T08:30:00Z");
        assertNothingSecretLogged();
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage().contains("*123456") && e.getFormattedMessage().contains("BR-0001"));
    }

    @Test
    @DisplayName("no transfer yet, a transfer of another amount, or one from another account: the bank has no match, an empty answer")
    void noMatch() {
        assertThat(verifier(Duration.ofSeconds(5)).findTransfer(new BankTransferQuery(COLLECTION, "123456", 138, QUERY.from(), QUERY.to())))
                .as("wrong amount").isEmpty();
        assertThat(verifier(Duration.ofSeconds(5)).findTransfer(new BankTransferQuery(COLLECTION, "654321", 137, QUERY.from(), QUERY.to())))
                .as("another account").isEmpty();
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"code\":\"NOT_FOUND\"}")));
        assertThat(verifier(Duration.ofSeconds(5)).findTransfer(QUERY)).as("nothing yet").isEmpty();
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("a reported transfer that is not the one asked for (another amount, another account, outside the window) is the gateway failing, never a match")
    void inconsistent() {
        for (String answer : new String[] {FOUND.formatted(PAYER, 138, "BR-2"),
                FOUND.formatted(PAYER, 137, "BR-3").replace("123456", "999999"),
                FOUND.formatted(PAYER, 137, "BR-4").replace("2026-12-07T07:00:00Z", "2026-12-01T07:00:00Z")}) {
            assertThatThrownBy(() -> HttpBankTransferVerifier.answer(200, answer, QUERY))
                    .isInstanceOfSatisfying(BankTransferException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                        assertThat(e.code()).isEqualTo("inconsistent-answer");
                    });
        }
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "200|{\"code\":\"FOUND\"}|UNAVAILABLE|malformed-answer",
            "200|{\"code\":\"FOUND\",\"transfer\":{\"payerAccountMasked\":\"**123456\",\"payerName\":\"x\",\"amountFen\":\"137\",\"bankReference\":\"r\",\"at\":\"2026-12-07T07:00:00Z\"}}|UNAVAILABLE|malformed-answer",
            "200|{\"code\":\"FOUND\",\"transfer\":{\"payerAccountMasked\":\"**123456\",\"payerName\":\"x\",\"amountFen\":137,\"bankReference\":\"r\",\"at\":\"yesterday\"}}|UNAVAILABLE|malformed-answer",
            "200|{\"code\":\"PERHAPS\"}|UNAVAILABLE|malformed-answer",
            "200|<html>ok</html>|UNAVAILABLE|malformed-answer",
            "401|{\"code\":\"SIGNATURE_INVALID\",\"message\":\"bad signature\"}|REFUSED|SIGNATURE_INVALID",
            "400|{\"code\":\"INVALID_REQUEST\"}|REFUSED|INVALID_REQUEST",
            "400|not json|UNAVAILABLE|http-400",
            "429|{\"code\":\"RATE_LIMITED\"}|UNAVAILABLE|http-429",
            "500|{\"code\":\"INTERNAL\"}|UNAVAILABLE|http-500",
            "503|''|UNAVAILABLE|http-503",
            "302|''|UNAVAILABLE|http-302"})
    @DisplayName("answers without a result are sorted: a 4xx with a code is a refusal, 5xx, redirects and unreadable answers are the gateway failing")
    void answers(int status, String body, Reason reason, String code) {
        assertThatThrownBy(() -> HttpBankTransferVerifier.answer(status, body, QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    @DisplayName("over HTTP: a 5xx is UNAVAILABLE, a malformed 200 too, a wrong signature is REFUSED with the bank's code")
    void failuresOverHttp() {
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThatThrownBy(() -> verifier(Duration.ofSeconds(5)).findTransfer(QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> assertThat(e.code()).isEqualTo("http-502"));
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"code\":\"FOUND\",\"transfer\":{}}")));
        assertThatThrownBy(() -> verifier(Duration.ofSeconds(5)).findTransfer(QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> assertThat(e.code()).isEqualTo("malformed-answer"));
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"SIGNATURE_INVALID\",\"message\":\"signature does not match\"}")));
        assertThatThrownBy(() -> verifier(Duration.ofSeconds(5)).findTransfer(QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                    assertThat(e.code()).isEqualTo("SIGNATURE_INVALID");
                });
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("no answer within the timeout is TIMEOUT; a closed port is UNAVAILABLE (unreachable)")
    void timeoutAndUnreachable() {
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("{\"code\":\"NOT_FOUND\"}").withFixedDelay(2_000)));
        assertThatThrownBy(() -> verifier(Duration.ofMillis(300)).findTransfer(QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        HttpBankTransferVerifier closed = new HttpBankTransferVerifier(
                () -> new GatewaySettings(URI.create("http://127.0.0.1:1/"), "a", "s"), CLOCK, Duration.ofSeconds(2));
        assertThatThrownBy(() -> closed.findTransfer(QUERY))
                .isInstanceOfSatisfying(BankTransferException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("unreachable");
                });
    }

    @Test
    @DisplayName("the gateway's settings print without the secret; names compare without blanks, full- and half-width brackets alike")
    void printingAndNames() {
        assertThat(new GatewaySettings(URI.create("https://b.example/"), "app-1", "secret-1").toString()).doesNotContain("secret-1");
        assertThat(BankTransferVerifications.sameName("互认（江苏）科技有限公司", "互认(江苏)科技 有限公司")).isTrue();
        assertThat(BankTransferVerifications.sameName("互认科技有限公司", "互认科技有限责任公司")).isFalse();
        assertThat(BankTransferVerifications.yuan(7)).isEqualTo("0.07");
        assertThat(BankTransferVerifications.yuan(137)).isEqualTo("1.37");
    }

    private void assertNothingSecretLogged() {
        assertThat(logged.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(PAYER).doesNotContain(COLLECTION).doesNotContain("secret-1"));
    }
}
