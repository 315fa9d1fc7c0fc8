package cn.huren.server.session;

import cn.huren.server.binding.CertificateBindings;

/**
 * The sessions of the certificate {@code fingerprint} in the party {@code partyId} of the current
 * tenant end now (disabled, voided, revoked by its holder or its CA). Published in the caller's
 * transaction by {@link CertificateBindings}, the one place that ends a certificate's sessions;
 * whatever else acts for that certificate (the OpenID provider's authorizations and their refresh
 * tokens) listens synchronously and ends too, in the same transaction.
 */
public record CertificateSessionsEnded(long partyId, String fingerprint) {
}
