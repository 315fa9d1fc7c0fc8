package cn.huren.server.certificate;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.ApiException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.springframework.stereotype.Component;

/**
 * Parse results cached by the certificate's SHA-256: the certificate, its decoded public key (Bouncy
 * Castle keeps its precomputation with the key object, so a cached key verifies faster than a
 * freshly decoded one) and the algorithm its holder signs with. Also remembers which issuer key
 * verified which certificate's signature: a pure function of the two encodings, so it is safe to
 * keep; validity, trust and revocation are still decided on every use.
 */
@Component
class ParsedCertificates {

    /** A certificate as parsed once. */
    record Parsed(X509Certificate certificate, String sha256, PublicKey key, String signingAlgorithm, CertificateFacts facts) {

        Parsed(X509Certificate certificate, String sha256, PublicKey key, String signingAlgorithm) {
            this(certificate, sha256, key, signingAlgorithm, CertificateFacts.of(certificate, key));
        }

        boolean selfIssued() {
            return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        }
    }

    // bounded by count with room for the -Xmx512m heap: a parsed EC key keeps its precomputation (a few KB)
    private final Cache<String, Parsed> parsed = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, Boolean> signatures = Caffeine.newBuilder().maximumSize(50_000).build();

    /** Parses DER (cached); unreadable, empty or oversized bytes are the client's fault: 400. */
    Parsed parse(byte[] der) {
        if (der == null || der.length == 0 || der.length > Crypto.MAX_CERTIFICATE_BYTES) {
            throw ApiException.badRequest("certificate-unreadable", "the certificate is empty or larger than "
                    + Crypto.MAX_CERTIFICATE_BYTES + " bytes");
        }
        String hash = Hashes.sha256Hex(der);
        Parsed hit = parsed.getIfPresent(hash);
        if (hit != null) {
            return hit;
        }
        try {
            X509Certificate certificate = Crypto.parse(der);
            PublicKey key = certificate.getPublicKey();
            Parsed p = new Parsed(certificate, hash, key, signingAlgorithm(key));
            parsed.put(hash, p);
            return p;
        } catch (CertificateException | RuntimeException e) {
            throw ApiException.badRequest("certificate-unreadable", "the bytes are not an X.509 certificate");
        }
    }

    /** A certificate the server already holds (a trusted CA's), under the same cache. */
    Parsed of(X509Certificate certificate, String sha256) {
        return parsed.get(sha256, h -> new Parsed(certificate, h, certificate.getPublicKey(), signingAlgorithm(certificate.getPublicKey())));
    }

    /** Whether {@code child} carries a valid signature of {@code issuer}'s key; only successes are remembered. */
    boolean signedBy(Parsed child, Parsed issuer) {
        String key = child.sha256() + "|" + issuer.sha256();
        if (signatures.getIfPresent(key) != null) {
            return true;
        }
        try {
            child.certificate().verify(issuer.key(), Crypto.BC);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
        signatures.put(key, Boolean.TRUE);
        return true;
    }

    /** SM2 keys sign SM3withSM2 (user id 1234567812345678), other EC keys SHA256withECDSA, RSA keys SHA256withRSA. */
    private static String signingAlgorithm(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> isSm2(key) ? "SM3withSM2" : "SHA256withECDSA";
            default -> null;
        };
    }

    private static boolean isSm2(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        return GMObjectIdentifiers.sm2p256v1.equals(info.getAlgorithm().getParameters());
    }
}
