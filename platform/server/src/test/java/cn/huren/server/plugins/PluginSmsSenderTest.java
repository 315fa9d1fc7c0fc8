package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.notification.DevSmsSink;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plugins reach SMS through plugin-api's SmsSender, the host's one provider: in tests (sandboxes) the dev sink. */
@IntegrationTest
class PluginSmsSenderTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    SmsSender hostSender;

    @Test
    @DisplayName("a plugin's SmsSender is the host's; with sandboxes it is the dev sink, which keeps the message under the current tenant")
    void pluginSendsThroughTheHost() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("smsa", "jiangsu"));
        SmsSender plugins = hostServices.parentContext().getBean(SmsSender.class);
        assertThat(plugins).isSameAs(hostSender).isInstanceOf(DevSmsSink.class);

        String id = tenants.callAs("smsa", () -> plugins.send(new SmsMessage("13812345678", "SMS_1", Map.of("code", "135790"))));

        assertThat(((DevSmsSink) hostSender).recent("smsa")).singleElement().satisfies(sent -> {
            assertThat(sent.messageId()).isEqualTo(id);
            assertThat(sent.message().parameters()).containsEntry("code", "135790");
        });
    }
}
