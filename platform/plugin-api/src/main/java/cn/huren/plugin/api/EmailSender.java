package cn.huren.plugin.api;

/**
 * Host service: sends one plain-text e-mail through the installation's SMTP server (Spring Mail,
 * {@code spring.mail.*}), from the host's address under the current tenant's sender name; in demo mode and
 * sandboxes without an SMTP server, the dev sink only keeps and logs it. The host never logs an address in clear.
 */
public interface EmailSender {

    /**
     * @return the message's id (the Message-ID header, or the dev sink's id)
     * @throws EmailException when the server refuses the message, cannot be reached or none is configured;
     *     nothing was sent then as far as the host knows
     */
    String send(EmailMessage message);
}
