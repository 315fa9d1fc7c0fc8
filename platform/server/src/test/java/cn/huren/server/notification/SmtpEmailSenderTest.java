package cn.huren.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.EmailException;
import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * E-mail as the server sends it: Spring Boot's mail auto-configuration from {@code spring.mail.*} and {@link MailConfig},
 * against GreenMail, a real SMTP server in this JVM on a free port.
 */
class SmtpEmailSenderTest {

    static final String TO = "zhang.san@example.com";

    GreenMail smtp;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        logged = new ListAppender<>();
        logged.start();
        huren().addAppender(logged);
    }

    @AfterEach
    void stop() {
        huren().detachAppender(logged);
        smtp.stop();
    }

    private static Logger huren() {
        return (Logger) LoggerFactory.getLogger("cn.huren");
    }

    private ApplicationContextRunner server(String senderName) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(MailConfig.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(SenderName.class, () -> new SenderName(null) {
                    @Override
                    String current() {
                        return senderName;
                    }
                })
                .withPropertyValues("huren.sandboxes=true", "huren.mail.from=noreply@huren.example",
                        "spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=2000");
    }

    @Test
    @DisplayName("with spring.mail.host the host sends over SMTP: UTF-8 Chinese subject and text, from huren.mail.from under the tenant's sender name")
    void delivers() {
        server("江苏省公共资源交易中心").withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.getSmtp().getPort())
                .run(context -> {
                    EmailSender sender = context.getBean(EmailSender.class);
                    assertThat(sender).isInstanceOf(SmtpEmailSender.class);

                    String id = sender.send(new EmailMessage(TO, "审核通过：您的入库申请", "您好，您的申请已审核通过。\n请登录门户查看。"));

                    MimeMessage[] received = smtp.getReceivedMessages();
                    assertThat(received).hasSize(1);
                    MimeMessage mail = received[0];
                    assertThat(mail.getMessageID()).isEqualTo(id);
                    assertThat(mail.getSubject()).isEqualTo("审核通过：您的入库申请");
                    assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo("您好，您的申请已审核通过。\n请登录门户查看。");
                    assertThat(mail.getContentType()).containsIgnoringCase("charset=UTF-8");
                    InternetAddress from = (InternetAddress) mail.getFrom()[0];
                    assertThat(from.getAddress()).isEqualTo("noreply@huren.example");
                    assertThat(from.getPersonal()).isEqualTo("江苏省公共资源交易中心");
                    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(TO);
                    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                            .anySatisfy(line -> assertThat(line).contains("z***@example.com"))
                            .noneSatisfy(line -> assertThat(line).contains("zhang.san"));
                });
    }

    @Test
    @DisplayName("an SMTP server that cannot be reached is an EmailException 'unavailable'; neither it nor the log names the address in clear")
    void unreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        server("测试").withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + closed).run(context -> {
            EmailSender sender = context.getBean(EmailSender.class);
            assertThatThrownBy(() -> sender.send(new EmailMessage(TO, "测试", "正文")))
                    .isInstanceOfSatisfying(EmailException.class, e -> {
                        assertThat(e.reason()).isEqualTo(EmailException.Reason.UNAVAILABLE);
                        assertThat(e.code()).isEqualTo("unavailable");
                        assertThat(e.getMessage()).doesNotContain("zhang.san");
                    });
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("z***@example.com").contains("unavailable"))
                    .noneSatisfy(line -> assertThat(line).contains("zhang.san"));
        });
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("without spring.mail.host: the dev sink with sandboxes, a sender refusing as 'not-configured' in production; SMTP without huren.mail.from does not start")
    void withoutSmtp() {
        server("测试").run(context -> {
            DevMailSink sink = (DevMailSink) context.getBean(EmailSender.class);
            sink.send(new EmailMessage(TO, "一", "1"));
            sink.send(new EmailMessage(TO, "二", "2"));
            assertThat(sink.recent("-")).extracting(s -> s.message().subject()).containsExactly("二", "一");
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneSatisfy(line -> assertThat(line).contains("zhang.san"));
        });
        server("测试").withPropertyValues("huren.sandboxes=false").run(context ->
                assertThatThrownBy(() -> context.getBean(EmailSender.class).send(new EmailMessage(TO, "一", "1")))
                        .isInstanceOfSatisfying(EmailException.class, e -> assertThat(e.code()).isEqualTo("not-configured")));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(MailConfig.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(SenderName.class, () -> new SenderName(null))
                .withPropertyValues("spring.mail.host=127.0.0.1")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("huren.mail.from"));
    }

    @Test
    @DisplayName("an e-mail message is one address and one line of subject; it prints its address masked")
    void message() {
        assertThat(new EmailMessage(TO, "主题", "正文").toString()).contains("z***@example.com").doesNotContain("zhang.san").doesNotContain("正文");
        assertThatThrownBy(() -> new EmailMessage("a@b.example, c@d.example", "主题", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmailMessage(TO, "主题\r\nBcc: x@y.example", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
