package cn.huren.plugin.api;

/**
 * The SMS provider did not take the message. {@link #code()} is the provider's own error code (e.g.
 * {@code isv.BUSINESS_LIMIT_CONTROL}) or a host word ({@code http-503}, {@code timeout}, {@code unreachable});
 * the message says what went wrong and never carries the message's parameters.
 */
public class SmsException extends ProviderException {

    /**
     * Whose fault, roughly: the provider refused this message (bad number, template or sign name, account),
     * throttled it (too many to this number), failed itself, or did not answer in time.
     */
    public enum Reason { REFUSED, RATE_LIMITED, UNAVAILABLE, TIMEOUT }

    private final Reason reason;

    public SmsException(Reason reason, String code, String message) {
        this(reason, code, message, null);
    }

    public SmsException(Reason reason, String code, String message, Throwable cause) {
        super(code, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
