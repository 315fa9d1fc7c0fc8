package cn.huren.server.certificate;

/** A certificate key's algorithm and the signature algorithm a CA signs with for it: RSA-2048, ECDSA P-256, SM2. */
public enum KeyAlgorithm {
    RSA("SHA256withRSA"), EC("SHA256withECDSA"), SM2("SM3withSM2");

    private final String signature;

    KeyAlgorithm(String signature) {
        this.signature = signature;
    }

    /** The JCA name of the signature algorithm, e.g. SM3withSM2. */
    public String signature() {
        return signature;
    }
}
