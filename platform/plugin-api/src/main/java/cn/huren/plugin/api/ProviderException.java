package cn.huren.plugin.api;

/**
 * An external system behind a host service (SMS, e-mail, real-name verification) did not do what was asked.
 * {@link #code()} is the provider's own error code or a host word ({@code timeout}, {@code unreachable},
 * {@code not-configured}, …); each subclass says whose fault it was with its own {@code Reason}. The message never
 * carries what was sent (codes, names, numbers).
 */
public abstract class ProviderException extends RuntimeException {

    private final String code;

    protected ProviderException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
