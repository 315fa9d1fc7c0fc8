package cn.huren.plugin.api;

import java.time.Instant;

/**
 * A certificate as the host verified it (chain to a CA the tenant recognises, validity, revocation) — what
 * 读取证书 shows: the holder, the issuer, the validity.
 *
 * @param fingerprint      SHA-256 of the DER encoding, lower-case hex
 * @param holderKind       {@code NATURAL_PERSON} or {@code ENTERPRISE}
 * @param holderIdentifier resident ID or USCC the certificate carries
 * @param medium           {@code TOKEN} (USB key through the local signer) or {@code MOBILE} (the app's scan)
 * @param algorithm        e.g. {@code SM2}, {@code EC}, {@code RSA}
 */
public record PresentedCertificate(String serial, String subject, String issuer, String caName, String fingerprint,
                                   String holderName, String holderKind, String holderIdentifier, Instant notBefore,
                                   Instant notAfter, String medium, String algorithm) {
}
