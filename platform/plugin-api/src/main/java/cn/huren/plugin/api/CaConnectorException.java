package cn.huren.plugin.api;

/**
 * A CA refused a request or could not be reached. {@link #code()} is a short stable word (e.g.
 * {@code csr-signature}, {@code unknown-serial}); the host answers API clients with it as the
 * problem type and the message as its detail, so the message must say what was wrong.
 */
public class CaConnectorException extends RuntimeException {

    /** Whose fault, roughly: the request's, an unknown certificate, a state conflict, or the CA's. */
    public enum Reason { INVALID_REQUEST, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Reason reason;
    private final String code;

    public CaConnectorException(Reason reason, String code, String message) {
        super(message);
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
