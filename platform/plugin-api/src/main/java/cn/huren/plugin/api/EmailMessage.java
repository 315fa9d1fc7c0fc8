package cn.huren.plugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One plain-text e-mail to one address. The host sets the sender (its address, the tenant's sender name).
 * {@link #toString()} masks the address and leaves the text out, so logging a message never logs its content.
 */
public record EmailMessage(String to, String subject, String text) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\"(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    public EmailMessage {
        if (to == null || to.length() > 254 || !ADDRESS.matcher(to).matches()) {
            throw new IllegalArgumentException("to must be one e-mail address (local@domain)");
        }
        if (subject == null || subject.isBlank() || subject.length() > 200 || subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("subject must be 1 to 200 characters on one line");
        }
        text = Objects.requireNonNullElse(text, "");
        if (text.length() > 100_000) {
            throw new IllegalArgumentException("text must be at most 100000 characters");
        }
    }

    /** The address as pages and logs may show it: {@code z***@example.com}. */
    public String maskedTo() {
        return mask(to);
    }

    /** {@code zhang.san@example.com} as {@code z***@example.com} (null as {@code -}): only the domain stays readable. */
    public static String mask(String address) {
        if (address == null) {
            return "-";
        }
        int at = address.lastIndexOf('@');
        if (at < 1) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    @Override
    public String toString() {
        return "EmailMessage[" + maskedTo() + ", " + text.length() + " characters]";
    }
}
