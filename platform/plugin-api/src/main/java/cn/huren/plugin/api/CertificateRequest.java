package cn.huren.plugin.api;

/**
 * What a holder asks a CA for: a PKCS#10 certification request (DER) for its own key, who the
 * certificate is for, and its profile. {@code reference}: the caller's stable id of this request
 * (e.g. {@code certificate-application:42}), or null: a CA that gets a reference again answers the
 * certificate it issued for it instead of a second one — the caller's retry after it failed to
 * record an issued certificate (a crash, a failed commit) — and refuses a different key under it.
 */
public record CertificateRequest(byte[] csr, Holder holder, Profile profile, String reference) {

    /** An enterprise (by its unified social credit code) or a person (by resident ID number). */
    public enum HolderKind { ENTERPRISE, PERSON }

    /** The kind of certificate (单位证书 / 法定代表人证书 / 个人证书). */
    public enum Profile { ENTERPRISE, LEGAL_REPRESENTATIVE, PERSONAL }

    /** The holder as the CA writes it into the certificate. */
    public record Holder(HolderKind kind, String identifier, String name) {
    }

    public CertificateRequest {
        csr = csr == null ? null : csr.clone();
        if (reference != null && (reference.isBlank() || reference.length() > 100)) {
            throw new IllegalArgumentException("a request reference has 1 to 100 characters");
        }
    }

    /** A request without a reference: every call is a new certificate. */
    public CertificateRequest(byte[] csr, Holder holder, Profile profile) {
        this(csr, holder, profile, null);
    }

    @Override
    public byte[] csr() {
        return csr == null ? null : csr.clone();
    }
}
