package cn.huren.plugin.api;

/**
 * The verification provider gave no verdict: {@link #code()} is the provider's error code (e.g.
 * {@code SIGNATURE_INVALID}) or a host word ({@code http-503}, {@code timeout}, {@code unreachable},
 * {@code malformed-answer}, {@code not-configured}); the message never carries a name or a number.
 */
public class RealNameException extends ProviderException {

    /**
     * The provider refused the request (credentials, signature, a request it does not accept), failed or could not be
     * reached, or did not answer in time. Nothing is known about the person then.
     */
    public enum Reason { REFUSED, UNAVAILABLE, TIMEOUT }

    private final Reason reason;

    public RealNameException(Reason reason, String code, String message) {
        this(reason, code, message, null);
    }

    public RealNameException(Reason reason, String code, String message, Throwable cause) {
        super(code, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
