package cn.huren.plugin.api;

/**
 * The e-mail was not sent. {@link #code()} is a host word: {@code refused} (the server rejected the sender,
 * the recipient or the message), {@code authentication} (the server refused the host's credentials),
 * {@code unavailable} (no connection, a server error) or {@code not-configured}. The message names the
 * recipient masked only.
 */
public class EmailException extends RuntimeException {

    /** Whose fault, roughly: the server refused this message or the host's account, or could not be used at all. */
    public enum Reason { REFUSED, UNAVAILABLE }

    private final Reason reason;
    private final String code;

    public EmailException(Reason reason, String code, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }
}
