package cn.huren.plugins.neimenggu;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How Hohhot's member client (the sandbox) checks a key: the certificate (PEM or base64 DER) and its signature over the
 * challenge, as the portal's key login signs (SHA256withRSA, SHA256withECDSA, or SM3withSM2 where the host's Bouncy
 * Castle provider is installed).
 */
final class MemberKeys {

    record Key(String pem, String fingerprint, String subject) {
    }

    static Optional<Key> verify(String certificate, String challenge, String signature) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(certificate.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").strip());
            byte[] sig = Base64.getMimeDecoder().decode(signature.strip());
            Provider bc = Security.getProvider("BC");
            CertificateFactory factory = bc != null ? CertificateFactory.getInstance("X.509", bc) : CertificateFactory.getInstance("X.509");
            X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            PublicKey key = cert.getPublicKey();
            List<String> algorithms = key.getAlgorithm().equals("RSA") ? List.of("SHA256withRSA") : List.of("SHA256withECDSA", "SM3withSM2");
            for (String algorithm : algorithms) {
                if (verifies(algorithm, bc, key, challenge, sig)) {
                    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                            + "\n-----END CERTIFICATE-----\n";
                    String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
                    return Optional.of(new Key(pem, fingerprint, cert.getSubjectX500Principal().getName()));
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // not a certificate, not base64, an unknown algorithm: the key does not log in
        }
    }

    private static boolean verifies(String algorithm, Provider bc, PublicKey key, String challenge, byte[] sig) {
        try {
            Signature s = bc != null && algorithm.startsWith("SM3") ? Signature.getInstance(algorithm, bc) : Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(challenge.getBytes(StandardCharsets.UTF_8));
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    private MemberKeys() {
    }
}
