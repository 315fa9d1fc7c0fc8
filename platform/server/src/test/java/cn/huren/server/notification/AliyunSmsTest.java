package cn.huren.server.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsMessage;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AliyunSmsTest {

    static final String CODE = "482913";
    static final String PHONE = "13812345678";
    static final SmsMessage MESSAGE = new SmsMessage(PHONE, "SMS_154950909", Map.of("code", CODE));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:30:00Z"), ZoneOffset.UTC);

    WireMockServer provider;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        logged = new ListAppender<>();
        logged.start();
        huren().addAppender(logged);
    }

    @AfterEach
    void stop() {
        huren().detachAppender(logged);
        provider.stop();
    }

    private static Logger huren() {
        return (Logger) LoggerFactory.getLogger("cn.huren");
    }

    AliyunSms sms(Duration timeout) {
        return new AliyunSms(new AliyunSms.Settings(URI.create(provider.baseUrl()), "testid", "testsecret", "阿里云短信测试", timeout),
                CLOCK, () -> "nonce-1", java.util.Optional::empty);
    }

    @Test
    @DisplayName("SendSms is a signed GET with the number, sign name, template and its parameters as JSON; OK answers the BizId")
    void success() {
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(okJson(
                "{\"Message\":\"OK\",\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\",\"Code\":\"OK\",\"BizId\":\"900619746936498440^0\"}")));

        assertThat(sms(Duration.ofSeconds(5)).send(MESSAGE)).isEqualTo("900619746936498440^0");

        String rawQuery = URI.create(provider.getAllServeEvents().get(0).getRequest().getUrl()).getRawQuery();
        Map<String, String> received = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            assertThat(kv[1]).doesNotContain("+"); // a space travels as %20
            received.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(received).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("PhoneNumbers", PHONE).containsEntry("SignName", "阿里云短信测试")
                .containsEntry("TemplateCode", "SMS_154950909").containsEntry("TemplateParam", "{\"code\":\"" + CODE + "\"}")
                .containsEntry("AccessKeyId", "testid").containsEntry("SignatureMethod", "HMAC-SHA1")
                .containsEntry("SignatureVersion", "1.0").containsEntry("SignatureNonce", "nonce-1")
                .containsEntry("Timestamp", "2026-12-07T08:30:00Z").containsEntry("Format", "JSON");
        String signature = received.remove("Signature");
        assertThat(signature).isEqualTo(AliyunSignature.sign("GET", received, "testsecret"));
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("a throttled number (isv.BUSINESS_LIMIT_CONTROL) is a clear RATE_LIMITED refusal with the provider's code")
    void rateLimited() {
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(okJson(
                "{\"Message\":\"触发小时级流控Permits:5\",\"RequestId\":\"2184201F-BFB3-446B-B1F2-C746B7BF0657\",\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}")));

        assertThatThrownBy(() -> sms(Duration.ofSeconds(5)).send(MESSAGE)).isInstanceOfSatisfying(SmsException.class, e -> {
            assertThat(e.reason()).isEqualTo(SmsException.Reason.RATE_LIMITED);
            assertThat(e.code()).isEqualTo("isv.BUSINESS_LIMIT_CONTROL");
            assertThat(e.getMessage()).contains("refused", "isv.BUSINESS_LIMIT_CONTROL").doesNotContain(CODE, PHONE);
        });
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("an illegal number or a bad signature (HTTP 400 with a Code) is a clear REFUSED with the provider's code")
    void refused() {
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"Specified signature is not matched with our calculation.\",\"Code\":\"SignatureDoesNotMatch\"}")));

        assertThatThrownBy(() -> sms(Duration.ofSeconds(5)).send(MESSAGE)).isInstanceOfSatisfying(SmsException.class, e -> {
            assertThat(e.reason()).isEqualTo(SmsException.Reason.REFUSED);
            assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
            assertThat(e.getMessage()).contains("SignatureDoesNotMatch", "not matched");
        });
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("HTTP 500 from the provider is a clear UNAVAILABLE, not a sent message")
    void serverError() {
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        assertThatThrownBy(() -> sms(Duration.ofSeconds(5)).send(MESSAGE)).isInstanceOfSatisfying(SmsException.class, e -> {
            assertThat(e.reason()).isEqualTo(SmsException.Reason.UNAVAILABLE);
            assertThat(e.code()).isEqualTo("http-500");
            assertThat(e.getMessage()).contains("HTTP 500");
        });
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("a provider slower than the configured timeout is a clear TIMEOUT")
    void timeout() {
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("{\"Code\":\"OK\",\"BizId\":\"1\"}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> sms(Duration.ofMillis(300)).send(MESSAGE)).isInstanceOfSatisfying(SmsException.class, e -> {
            assertThat(e.reason()).isEqualTo(SmsException.Reason.TIMEOUT);
            assertThat(e.code()).isEqualTo("timeout");
            assertThat(e.getMessage()).contains("300 ms");
        });
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("a provider that cannot be reached is a clear UNAVAILABLE")
    void unreachable() {
        AliyunSms sms = sms(Duration.ofSeconds(2));
        provider.stop();

        assertThatThrownBy(() -> sms.send(MESSAGE)).isInstanceOfSatisfying(SmsException.class,
                e -> assertThat(e.reason()).isEqualTo(SmsException.Reason.UNAVAILABLE));
        assertNothingSecretLogged();
    }

    @Test
    @DisplayName("a message's text form masks the number and leaves out its parameters")
    void messageToString() {
        assertThat(MESSAGE.toString()).contains("138****5678").doesNotContain(CODE, PHONE);
        assertThat(MESSAGE.maskedPhoneNumber()).isEqualTo("138****5678");
    }

    private void assertNothingSecretLogged() {
        assertThat(logged.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(CODE, PHONE, "testsecret").contains("138****5678");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }
}
