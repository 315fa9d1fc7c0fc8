package cn.huren.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.support.SecretBox;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

@IntegrationTest
class SealedSmsSecretTest {

    @Autowired
    SecretBox secrets;

    @Test
    @DisplayName("the Alibaba Cloud access key secret may be configured sealed under the master key; it is opened for signing")
    void sealedSecret() {
        String sealed = secrets.seal("the-real-secret", SmsConfig.SECRET_CONTEXT);
        MockEnvironment env = new MockEnvironment().withProperty("huren.sms.aliyun.access-key-id", "id")
                .withProperty("huren.sms.aliyun.access-key-secret", sealed).withProperty("huren.sms.aliyun.sign-name", "测试签名");

        AliyunSms.Settings settings = SmsConfig.aliyunSettings(env, secrets);

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("the-real-secret");
        assertThat(settings.accessKeySecret()).isEqualTo("the-real-secret");
        assertThat(settings.toString()).doesNotContain("the-real-secret");
    }
}
