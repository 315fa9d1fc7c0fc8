package cn.huren.server.binding;

/**
 * A certificate's status as the portal shows it (APP-29, SX-15–SX-19). A bound certificate's is
 * computed when shown: the binding's own state, then every check a login would make right now. A
 * certificate applied for and not bound yet is IN_REVIEW or AWAITING_DOWNLOAD, or INVALID once
 * its application was rejected or cancelled (SX-17).
 */
public enum CertificateStatus {
    /** Valid and bound. */
    ACTIVE,
    /** Past its validity. */
    EXPIRED,
    /** On its CA's revocation list, or revoked by its holder (吊销/注销, APP-32); final. */
    REVOKED,
    /** Its CA is no longer recognised here (disabled by the operator) or it fails another check. */
    INVALID,
    /** Its CA's revocation list or OCSP responder could not be read just now; nothing is concluded. */
    UNCHECKED,
    /** The binding was voided (作废); kept forever (JS-81). */
    VOIDED,
    /** The party's administrator (primary certificate) disabled it; it cannot log in until re-enabled (APP-29, APP-30). */
    DISABLED,
    /** Applied for, not yet reviewed by the CA (审核中, SX-16). */
    IN_REVIEW,
    /** Approved and issued by the CA, not yet downloaded by the key's holder (待下载, APP-29). */
    AWAITING_DOWNLOAD;

    static CertificateStatus fromRefusal(String kind) {
        return switch (kind) {
            case "certificate-expired" -> EXPIRED;
            case "certificate-revoked" -> REVOKED;
            case "crl-unavailable", "ocsp-unavailable" -> UNCHECKED;
            default -> INVALID;
        };
    }
}
