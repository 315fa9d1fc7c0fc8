package cn.huren.plugin.api;

import java.util.List;

/**
 * Host service: the certificates bound to natural persons of the current tenant — a region's own binding
 * step (e.g. Inner Mongolia's 自然人绑定) is built on it. Joins the caller's transaction when there is one.
 */
public interface PersonBindings {

    /**
     * The party of the current request's certificate holder: registers the natural person from the certificate (and
     * binds it) when not registered yet, as the core's registration would; returns the party's id. Only for a session
     * opened with a natural person's certificate.
     *
     * @throws BindingException {@code certificate-required}, {@code not-natural-person}, or the core's refusal
     */
    long registerCurrentHolder(ContactDetails contact);

    /** The party's bindings that are not ended (active or disabled), newest first. */
    List<BoundCertificate> active(long partyId);

    /**
     * Ends a binding of a natural person's certificate (lost key): the binding is voided with the reason, every
     * session opened with that certificate ends at once, the ledger records it with {@code actor}, trading systems
     * get {@code certificate.revoked} (cause {@code BINDING_VOIDED}).
     *
     * @throws BindingException {@code not-found} when the party has no such active binding
     */
    void end(long partyId, String fingerprint, String reason, String actor);

    /** What a person adds to a binding besides the certificate; both confirmed by the plugin before. */
    record ContactDetails(String mobile, String email) {
    }

    record BoundCertificate(long bindingId, String serial, String issuer, String fingerprint, String holderName,
                            String medium, String status, java.time.Instant boundAt, java.time.Instant notAfter) {
    }
}
