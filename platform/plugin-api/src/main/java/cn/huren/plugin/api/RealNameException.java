package cn.huren.plugin.api;

/**
 * The verification provider gave no verdict: {@link #code()} is the provider's error code (e.g.
 * {@code SIGNATURE_INVALID}) or a host word ({@code http-503}, {@code timeout}, {@code unreachable},
 * {@code malformed-answer}, {@code not-configured}); the message never carries a name or a number.
 */
public class RealNameException extends RuntimeException {

    /**
     * The provider refused the request (credentials, signature, a request it does not accept), failed or could not be
     * reached, or did not answer in time. Nothing is known about the person then.
     */
    public enum Reason { REFUSED, UNAVAILABLE, TIMEOUT }

    private final Reason reason;
    private final String code;

    public RealNameException(Reason reason, String code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public RealNameException(Reason reason, String code, String message, Throwable cause) {
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
