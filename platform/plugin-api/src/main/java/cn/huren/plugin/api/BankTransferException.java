package cn.huren.plugin.api;

/**
 * The bank gave no answer about a transfer: {@link #code()} is the bank gateway's error code (e.g.
 * {@code SIGNATURE_INVALID}) or a host word ({@code http-503}, {@code timeout}, {@code unreachable},
 * {@code malformed-answer}, {@code not-configured}); the message never carries an account number or a name.
 */
public class BankTransferException extends ProviderException {

    /**
     * The gateway refused the request (credentials, signature, a request it does not accept), failed or could not be
     * reached, or did not answer in time. Nothing is known about the transfer then.
     */
    public enum Reason { REFUSED, UNAVAILABLE, TIMEOUT }

    private final Reason reason;

    public BankTransferException(Reason reason, String code, String message) {
        this(reason, code, message, null);
    }

    public BankTransferException(Reason reason, String code, String message, Throwable cause) {
        super(code, message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
