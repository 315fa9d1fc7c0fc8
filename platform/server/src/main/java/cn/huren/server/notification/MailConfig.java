package cn.huren.server.notification;

import cn.huren.plugin.api.EmailException;
import cn.huren.plugin.api.EmailSender;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses the one {@link EmailSender} of the installation: SMTP through Spring Mail when {@code spring.mail.host} is
 * set (Spring Boot then makes the {@link JavaMailSender}); otherwise the dev sink in demo mode and sandboxes, and
 * in production a sender that refuses every message as {@code not-configured} (docs/notifications.md).
 */
@Configuration(proxyBeanMethods = false)
class MailConfig {

    @Bean
    EmailSender emailSender(ObjectProvider<JavaMailSender> smtp, Environment env, Clock clock, SenderName senderName) {
        JavaMailSender mail = smtp.getIfAvailable();
        if (mail != null) {
            String from = env.getProperty("huren.mail.from", "");
            if (from.isBlank()) {
                throw new IllegalStateException("spring.mail.host is set: huren.mail.from (the sender address) is required too");
            }
            return new SmtpEmailSender(mail, from, senderName::current);
        }
        boolean sandboxes = env.getProperty("huren.sandboxes", Boolean.class, DemoMode.on(env));
        if (sandboxes) {
            return new DevMailSink(env.getProperty("huren.mail.dev.keep", Integer.class, 50), clock,
                    () -> TenantContext.current().map(TenantDescriptor::code).orElse("-"), senderName::current);
        }
        return message -> {
            throw new EmailException(EmailException.Reason.UNAVAILABLE, "not-configured",
                    "no mail server is configured (spring.mail.host, docs/notifications.md)", null);
        };
    }
}
