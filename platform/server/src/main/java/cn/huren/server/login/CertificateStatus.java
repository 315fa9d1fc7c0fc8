package cn.huren.server.login;

/**
 * A bound certificate's status as the portal shows it (APP-29, SX-15–SX-19), computed when shown:
 * the binding's own state, then every check a login would make right now.
 */
public enum CertificateStatus {
    /** Valid and bound. */
    ACTIVE,
    /** Past its validity. */
    EXPIRED,
    /** On its CA's revocation list. */
    REVOKED,
    /** Its CA is no longer recognised here (disabled by the operator) or it fails another check. */
    INVALID,
    /** Its CA's revocation list or OCSP responder could not be read just now; nothing is concluded. */
    UNCHECKED,
    /** The binding was voided (作废); kept forever (JS-81). */
    VOIDED,
    /** The party's administrator (primary certificate) disabled it; it cannot log in until re-enabled (APP-29, APP-30). */
    DISABLED;

    static CertificateStatus fromRefusal(String kind) {
        return switch (kind) {
            case "certificate-expired" -> EXPIRED;
            case "certificate-revoked" -> REVOKED;
            case "crl-unavailable", "ocsp-unavailable" -> UNCHECKED;
            default -> INVALID;
        };
    }
}
