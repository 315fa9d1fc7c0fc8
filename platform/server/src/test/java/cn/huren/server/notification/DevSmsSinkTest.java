package cn.huren.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DevSmsSinkTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:30:00Z"), ZoneOffset.UTC);

    @Test
    @DisplayName("the dev sink keeps the last N messages per tenant, newest first, and sends nothing")
    void keepsLastPerTenant() {
        AtomicReference<String> tenant = new AtomicReference<>("js");
        DevSmsSink sink = new DevSmsSink(2, CLOCK, tenant::get);
        for (String code : new String[] {"111111", "222222", "333333"}) {
            assertThat(sink.send(new SmsMessage("13812345678", "SMS_1", Map.of("code", code)))).startsWith("dev-");
        }
        tenant.set("nm");
        sink.send(new SmsMessage("13900000000", "SMS_1", Map.of("code", "444444")));

        assertThat(sink.recent("js")).extracting(s -> s.message().parameters().get("code")).containsExactly("333333", "222222");
        assertThat(sink.recent("js")).allSatisfy(s -> assertThat(s.at()).isEqualTo(CLOCK.instant()));
        assertThat(sink.recent("nm")).extracting(s -> s.message().phoneNumber()).containsExactly("13900000000");
        assertThat(sink.recent("other")).isEmpty();
    }

    @Test
    @DisplayName("huren.sms.provider: the dev sink in sandboxes by default, refused outside them; unset in production refuses to send")
    void providerChoice() {
        assertThat(new SmsConfig().smsSender(new MockEnvironment().withProperty("huren.sandboxes", "true"), null, CLOCK))
                .isInstanceOf(DevSmsSink.class);
        assertThatThrownBy(() -> new SmsConfig().smsSender(new MockEnvironment().withProperty("huren.sandboxes", "false")
                .withProperty("huren.sms.provider", "dev"), null, CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sandboxes");
        SmsSender none = new SmsConfig().smsSender(new MockEnvironment().withProperty("huren.sandboxes", "false"), null, CLOCK);
        assertThatThrownBy(() -> none.send(new SmsMessage("13812345678", "SMS_1", Map.of())))
                .isInstanceOfSatisfying(SmsException.class, e -> assertThat(e.code()).isEqualTo("not-configured"));
        assertThat(new SmsConfig().smsSender(new MockEnvironment().withProperty("huren.sandboxes", "false")
                .withProperty("huren.sms.provider", "aliyun").withProperty("huren.sms.aliyun.access-key-id", "id")
                .withProperty("huren.sms.aliyun.access-key-secret", "s").withProperty("huren.sms.aliyun.sign-name", "测试签名"), null, CLOCK))
                .isInstanceOf(AliyunSms.class);
        assertThatThrownBy(() -> new SmsConfig().smsSender(new MockEnvironment().withProperty("huren.sms.provider", "aliyun"), null, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access-key-id");
    }
}
