package cn.huren.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console page of the dev sinks: what demo mode "sent", per tenant, newest first, for operators only. */
@IntegrationTest
class DevMessagesPageTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    SmsSender sms;
    @Autowired
    EmailSender email;

    @Test
    @DisplayName("operators see each tenant's kept SMS and e-mails newest first, numbers and addresses masked; others are sent to sign in")
    void page() {
        HttpApi operator = HttpApi.operator(port);
        operator.post("/api/platform/tenants", Tenants.body("dvma", "jiangsu"));
        operator.post("/api/platform/tenants", Tenants.body("dvmb", "jiangsu"));
        tenants.callAs("dvma", () -> sms.send(new SmsMessage("13812345678", "SMS_FIRST", Map.of("code", "246810"))));
        tenants.callAs("dvma", () -> sms.send(new SmsMessage("13812345678", "SMS_SECOND", Map.of("code", "135791"))));
        tenants.callAs("dvma", () -> email.send(new EmailMessage("zhang.san@example.com", "重置密码", "请打开链接 /reset?k=abc")));
        tenants.callAs("dvmb", () -> sms.send(new SmsMessage("13912345678", "SMS_OTHER", Map.of("code", "999999"))));

        HttpApi.Reply page = operator.browser().get("/console/dev/messages?tenant=dvma");

        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("开发消息").contains("138****5678").contains("246810").contains("135791")
                .contains("z***@example.com").contains("重置密码").contains("/reset?k=abc")
                .doesNotContain("13812345678").doesNotContain("zhang.san").doesNotContain("SMS_OTHER");
        assertThat(html.indexOf("SMS_SECOND")).as("newest first").isLessThan(html.indexOf("SMS_FIRST"));
        assertThat(operator.browser().get("/console/dev/messages").body()).contains("SMS_OTHER").contains("SMS_FIRST");
        assertThat(operator.browser().get("/console").body()).contains("id=\"dev-messages\"");
        assertThat(HttpApi.anonymous(port).browser().get("/console/dev/messages").status()).isIn(302, 401);
    }
}
