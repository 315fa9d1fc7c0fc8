package cn.huren.server.certificate;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * What a certificate says that never changes, read once when it is parsed: every login of a returning
 * holder would otherwise re-read dates (Bouncy Castle parses them with SimpleDateFormat on each
 * call), format names, read the identity extension and rebuild the verifying key. Whether it is
 * valid now, trusted and not revoked is still decided on every use.
 */
record CertificateFacts(Instant notBefore, Instant notAfter, boolean mayLogIn, String serialHex, String subject, String issuer,
                        String commonName, String signatureAlgorithm, AsymmetricKeyParameter verifyingKey,
                        ConcurrentMap<IdentityMapping, Optional<String>> identities) {

    static CertificateFacts of(X509Certificate c, PublicKey key) {
        boolean[] usage = c.getKeyUsage();
        AsymmetricKeyParameter verifying;
        try {
            verifying = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        } catch (java.io.IOException | RuntimeException e) {
            verifying = null;
        }
        return new CertificateFacts(c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                c.getBasicConstraints() < 0 && (usage == null || usage[0]), c.getSerialNumber().toString(16).toUpperCase(),
                c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                IdentityMapping.attribute(c.getSubjectX500Principal(), BCStyle.CN), c.getSigAlgName(), verifying, new ConcurrentHashMap<>());
    }

    /** The holder's identifier where {@code mapping} reads it; null when it is not there. */
    String identity(X509Certificate certificate, IdentityMapping mapping) {
        return identities.computeIfAbsent(mapping, m -> Optional.ofNullable(m.read(certificate))).orElse(null);
    }

    /**
     * Whether {@code signature} over {@code message} verifies with this key, by the algorithm named
     * (SM3withSM2 with the default user id 1234567812345678, SHA256withECDSA DER, SHA256withRSA PKCS#1
     * v1.5), with Bouncy Castle's own signers and the key decoded once.
     */
    boolean verifies(String algorithm, byte[] message, byte[] signature) {
        if (verifyingKey == null || algorithm == null) {
            return false;
        }
        Signer signer = switch (algorithm) {
            case "SM3withSM2" -> new SM2Signer();
            case "SHA256withECDSA" -> new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
            case "SHA256withRSA" -> new RSADigestSigner(new SHA256Digest());
            default -> null;
        };
        if (signer == null) {
            return false;
        }
        try {
            signer.init(false, verifyingKey);
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
