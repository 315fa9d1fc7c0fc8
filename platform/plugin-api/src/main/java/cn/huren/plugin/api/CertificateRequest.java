package cn.huren.plugin.api;

/**
 * What a holder asks a CA for: a PKCS#10 certification request (DER) for its own key, who the
 * certificate is for, and its profile.
 */
public record CertificateRequest(byte[] csr, Holder holder, Profile profile) {

    /** An enterprise (by its unified social credit code) or a person (by resident ID number). */
    public enum HolderKind { ENTERPRISE, PERSON }

    /** The kind of certificate (单位证书 / 法定代表人证书 / 个人证书). */
    public enum Profile { ENTERPRISE, LEGAL_REPRESENTATIVE, PERSONAL }

    /** The holder as the CA writes it into the certificate. */
    public record Holder(HolderKind kind, String identifier, String name) {
    }

    public CertificateRequest {
        csr = csr == null ? null : csr.clone();
    }

    @Override
    public byte[] csr() {
        return csr == null ? null : csr.clone();
    }
}
