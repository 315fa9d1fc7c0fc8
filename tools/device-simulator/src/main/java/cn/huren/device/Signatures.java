package cn.huren.device;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The signatures Huren verifies, made with Bouncy Castle: SM2 as SM3withSM2 with the default user
 * id 1234567812345678 (DER r,s), RSA as PKCS#1 v1.5 SHA-256, ECDSA P-256 as SHA-256 (DER).
 */
final class Signatures {

    static final Provider BC = new BouncyCastleProvider();

    enum Kind {
        SM2("SM3withSM2"), RSA("SHA256withRSA"), EC("SHA256withECDSA");

        final String algorithm;

        Kind(String algorithm) {
            this.algorithm = algorithm;
        }
    }

    private Signatures() {
    }

    static KeyPair generate(Kind kind) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind == Kind.RSA ? "RSA" : "EC", BC);
            switch (kind) {
                case RSA -> generator.initialize(2048);
                case SM2 -> generator.initialize(new ECGenParameterSpec("sm2p256v1"));
                case EC -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    /** SM2 keys are EC keys on the sm2p256v1 curve; only the curve tells them apart. */
    static Kind kind(PublicKey key) {
        if (key.getAlgorithm().equals("RSA")) {
            return Kind.RSA;
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        return GMObjectIdentifiers.sm2p256v1.equals(info.getAlgorithm().getParameters()) ? Kind.SM2 : Kind.EC;
    }

    static byte[] sign(PrivateKey key, Kind kind, byte[] message) {
        try {
            Signature signature = Signature.getInstance(kind.algorithm, BC);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(kind(key).algorithm, BC);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
