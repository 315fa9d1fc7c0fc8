package cn.huren.server.notification;

import cn.huren.plugin.api.EmailException;
import cn.huren.plugin.api.EmailException.Reason;
import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail through Spring Mail's {@link JavaMailSender} (SMTP, {@code spring.mail.*}): UTF-8 plain text from
 * {@code huren.mail.from} under the current tenant's sender name. Logs the recipient masked, never the text.
 */
class SmtpEmailSender implements EmailSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

    private final JavaMailSender mail;
    private final InternetAddress from;
    private final Supplier<String> senderName;

    SmtpEmailSender(JavaMailSender mail, String from, Supplier<String> senderName) {
        this.mail = mail;
        this.from = address(from);
        this.senderName = senderName;
    }

    @Override
    public String send(EmailMessage message) {
        MimeMessage mime = mail.createMimeMessage();
        try {
            MimeMessageHelper m = new MimeMessageHelper(mime, false, "UTF-8");
            String name = senderName.get();
            m.setFrom(name == null || name.isBlank() ? from : new InternetAddress(from.getAddress(), name, "UTF-8"));
            m.setTo(message.to());
            m.setSubject(message.subject());
            m.setText(message.text(), false);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw failed(message, new EmailException(Reason.REFUSED, "refused", "the e-mail to " + message.maskedTo() + " could not be built", e));
        }
        try {
            mail.send(mime);
        } catch (MailAuthenticationException e) {
            throw failed(message, new EmailException(Reason.REFUSED, "authentication",
                    "the mail server refused the host's credentials (spring.mail.username/password)", e));
        } catch (MailSendException e) {
            boolean refused = e.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance);
            throw failed(message, refused
                    ? new EmailException(Reason.REFUSED, "refused", "the mail server refused the e-mail to " + message.maskedTo(), e)
                    : new EmailException(Reason.UNAVAILABLE, "unavailable", "the mail server could not be reached or failed", e));
        } catch (MailException e) {
            throw failed(message, new EmailException(Reason.UNAVAILABLE, "unavailable", "the mail server could not be used", e));
        }
        String id = messageId(mime);
        log.info("E-mail sent to {}, Message-ID {}", message.maskedTo(), id);
        return id;
    }

    private static String messageId(MimeMessage mime) {
        try {
            return mime.getMessageID();
        } catch (MessagingException e) {
            return "-";
        }
    }

    private static EmailException failed(EmailMessage message, EmailException e) {
        // the cause's own text may carry the address in clear (the server's reply quotes it): log only our words
        log.warn("E-mail to {} not sent: {} ({})", message.maskedTo(), e.code(), e.getMessage());
        return e;
    }

    static InternetAddress address(String from) {
        try {
            InternetAddress a = new InternetAddress(from, true);
            a.validate();
            return a;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("huren.mail.from must be one e-mail address, not " + EmailMessage.mask(from));
        }
    }
}
