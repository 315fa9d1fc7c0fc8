package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.NoticeSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.notice.AccountFixture;
import cn.huren.server.notice.Notices;
import cn.huren.server.notification.DevMailSink;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plugins reach e-mail and the notice centre through plugin-api's EmailSender and NoticeSender: the host's own. */
@IntegrationTest
class PluginNoticeSenderTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    Clock clock;
    @Autowired
    EmailSender hostEmail;
    @Autowired
    Notices notices;

    @Test
    @DisplayName("a plugin's EmailSender is the host's; with sandboxes and no SMTP it is the dev sink, under the tenant's sender name")
    void email() {
        HttpApi operator = HttpApi.operator(port);
        operator.post("/api/platform/tenants", Tenants.body("mla", "jiangsu"));
        operator.post("/api/platform/tenants", Tenants.body("mlb", "jiangsu"));
        operator.patch("/api/platform/tenants/mlb/config", Map.of("core.mail.senderName", "乙市交易中心"));
        EmailSender plugins = hostServices.parentContext().getBean(EmailSender.class);
        assertThat(plugins).isSameAs(hostEmail).isInstanceOf(DevMailSink.class);

        String id = tenants.callAs("mla", () -> plugins.send(new EmailMessage("zhang.san@example.com", "审核通过", "您的申请已通过。")));
        tenants.callAs("mlb", () -> plugins.send(new EmailMessage("li.si@example.com", "审核通过", "您的申请已通过。")));

        DevMailSink sink = (DevMailSink) hostEmail;
        assertThat(sink.recent("mla")).singleElement().satisfies(sent -> {
            assertThat(sent.messageId()).isEqualTo(id);
            assertThat(sent.senderName()).as("the tenant's name when it set none").isEqualTo("测试mla");
            assertThat(sent.message().text()).isEqualTo("您的申请已通过。");
        });
        assertThat(sink.recent("mlb")).singleElement().satisfies(sent -> assertThat(sent.senderName()).isEqualTo("乙市交易中心"));
    }

    @Test
    @DisplayName("a plugin's NoticeSender is the host's notice centre: a notice to a party reaches the person's account")
    void notices() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ntc", "jiangsu"));
        NoticeSender plugins = hostServices.parentContext().getBean(NoticeSender.class);
        assertThat(plugins).isSameAs(notices);
        AccountFixture.Account person = new AccountFixture(tenants, data, clock).withParty("ntc", "王五");

        int reached = tenants.callAs("ntc", () -> plugins.toParty(person.partyId(),
                new Notice(NoticeKind.REVIEW_APPROVED, "审核通过", "Approved", "您的认领申请已通过。", "Your claim was approved.")));

        assertThat(reached).isEqualTo(1);
        assertThat(tenants.callAs("ntc", () -> notices.list(person.id(), 0, 20)).items())
                .singleElement().satisfies(n -> assertThat(n.titleZh()).isEqualTo("审核通过"));
    }
}
