package cn.huren.server.notification;

import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.support.SecretBox;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Chooses the one {@link SmsSender} of the installation from {@code huren.sms.provider}: {@code aliyun}, or
 * {@code dev} (sandboxes only). Unset, demo mode and sandboxes get the dev sink and a production installation a
 * sender that refuses every message with a clear reason, so nothing pretends to have sent a code.
 * The provider's keys are the installation's; a tenant's own sign name ({@code core.sms.signName}) replaces
 * {@code huren.sms.aliyun.sign-name} for its messages (docs/sms.md).
 */
@Configuration(proxyBeanMethods = false)
class SmsConfig {

    /** The AES-GCM context a sealed {@code huren.sms.aliyun.access-key-secret} is sealed under. */
    static final String SECRET_CONTEXT = "huren.sms.aliyun.access-key-secret";

    @Bean
    SmsSender smsSender(Environment env, SecretBox secrets, Clock clock, SenderName names) {
        return smsSender(env, secrets, clock, names::smsSignName);
    }

    SmsSender smsSender(Environment env, SecretBox secrets, Clock clock) {
        return smsSender(env, secrets, clock, Optional::empty);
    }

    SmsSender smsSender(Environment env, SecretBox secrets, Clock clock, Supplier<Optional<String>> tenantSignName) {
        boolean sandboxes = env.getProperty("huren.sandboxes", Boolean.class, DemoMode.on(env));
        String provider = env.getProperty("huren.sms.provider", sandboxes ? "dev" : "none").trim();
        return switch (provider) {
            case "aliyun" -> new AliyunSms(aliyunSettings(env, secrets), clock, tenantSignName);
            case "dev" -> {
                if (!sandboxes) {
                    throw new IllegalStateException("huren.sms.provider=dev keeps messages in memory and logs their codes: "
                            + "demo mode or huren.sandboxes=true only; configure huren.sms.provider=aliyun");
                }
                yield new DevSmsSink(env.getProperty("huren.sms.dev.keep", Integer.class, 50), clock,
                        () -> TenantContext.current().map(TenantDescriptor::code).orElse("-"));
            }
            case "none" -> message -> {
                throw new SmsException(SmsException.Reason.UNAVAILABLE, "not-configured",
                        "no SMS provider is configured (huren.sms.provider, docs/sms.md)");
            };
            default -> throw new IllegalStateException("huren.sms.provider must be aliyun or dev, not " + provider);
        };
    }

    static AliyunSms.Settings aliyunSettings(Environment env, SecretBox secrets) {
        String secret = env.getProperty("huren.sms.aliyun.access-key-secret", "");
        return new AliyunSms.Settings(
                URI.create(env.getProperty("huren.sms.aliyun.endpoint", "https://dysmsapi.aliyuncs.com/")),
                env.getProperty("huren.sms.aliyun.access-key-id", ""),
                SecretBox.isSealed(secret) ? secrets.open(secret, SECRET_CONTEXT) : secret,
                env.getProperty("huren.sms.aliyun.sign-name", ""),
                env.getProperty("huren.sms.aliyun.timeout", Duration.class, Duration.ofSeconds(5)));
    }
}
