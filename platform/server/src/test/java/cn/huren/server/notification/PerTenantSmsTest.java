package cn.huren.server.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.SentCodes;
import cn.huren.server.smscode.SmsCodes;
import cn.huren.server.tenancy.TenantDirectory;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant's own SMS sign name and verification template (core.sms.*) replace the installation's; others keep the installation's. */
@IntegrationTest
class PerTenantSmsTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    SenderName names;
    @Autowired
    Clock clock;
    @Autowired
    SmsSender hostSender;
    @Autowired
    SmsCodes codes;

    WireMockServer provider;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/")).willReturn(okJson("{\"Code\":\"OK\",\"BizId\":\"1^0\",\"Message\":\"OK\"}")));
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private void onboard(String code, Map<String, Object> core) {
        HttpApi operator = HttpApi.operator(port);
        if (operator.get("/api/platform/tenants/" + code).status() == 404) {
            assertThat(operator.post("/api/platform/tenants", Tenants.body(code, "jiangsu")).status()).isEqualTo(201);
        }
        if (!core.isEmpty()) {
            HttpApi.Reply patched = operator.patch("/api/platform/tenants/" + code + "/config", core);
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("SendSms carries the tenant's own SignName; a tenant without one sends under the installation's")
    void signNamePerTenant() {
        onboard("smssa", Map.of("core.sms.signName", "甲市公共资源"));
        onboard("smssb", Map.of());
        AliyunSms sms = new AliyunSms(new AliyunSms.Settings(URI.create(provider.baseUrl()), "testid", "testsecret",
                "全局签名", Duration.ofSeconds(2)), clock, names::smsSignName);

        tenants.callAs("smssa", () -> sms.send(new SmsMessage("13812345678", "SMS_A", Map.of("code", "111111"))));
        tenants.callAs("smssb", () -> sms.send(new SmsMessage("13812345678", "SMS_B", Map.of("code", "222222"))));

        List<String> signNames = provider.getAllServeEvents().stream()
                .map(e -> e.getRequest().queryParameter("TemplateCode").firstValue() + " " + e.getRequest().queryParameter("SignName").firstValue())
                .sorted().toList();
        assertThat(signNames).containsExactly("SMS_A 甲市公共资源", "SMS_B 全局签名");
    }

    @Test
    @DisplayName("verification codes go out with the tenant's own template (core.sms.template.verification), else huren.sms.templates.code")
    void templatePerTenant() {
        onboard("smsta", Map.of("core.sms.template.verification", "SMS_TA_CODE"));
        onboard("smstb", Map.of());

        SentCodes a = new SentCodes(hostSender, "smsta");
        SentCodes b = new SentCodes(hostSender, "smstb");
        tenants.callAs("smsta", () -> {
            codes.issue("13912345601", "register", null);
            return null;
        });
        tenants.callAs("smstb", () -> {
            codes.issue("13912345602", "register", null);
            return null;
        });

        a.next("13912345601");
        b.next("13912345602");
        assertThat(a.newest("13912345601").orElseThrow().message().templateCode()).isEqualTo("SMS_TA_CODE");
        assertThat(b.newest("13912345602").orElseThrow().message().templateCode()).isEqualTo("SMS_CODE");
    }
}
