package cn.huren.server.certificate;

import cn.huren.plugin.api.CaConnectorException;
import cn.huren.plugin.api.CaConnectorException.Reason;
import java.io.IOException;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PKCS#10 requests as the demo CA accepts them: readable, signed with the very key they carry
 * (proof of possession), and for a key the portals verify — SM2, ECDSA P-256, or RSA of 2048 bits
 * or more. The demo CA checks what it certifies with it; certificate applications what they accept.
 */
public final class CertificationRequests {

    public static final int MAX_BYTES = 16 * 1024;

    /** The key to certify and the CA line that certifies it (SM2 keys by the SM2 CA, the others by RSA). */
    public record Checked(PublicKey key, KeyAlgorithm algorithm) {
    }

    private CertificationRequests() {
    }

    /** PEM ({@code CERTIFICATE REQUEST}, also {@code NEW CERTIFICATE REQUEST}) or base64 DER to DER; null when neither. */
    public static byte[] der(String text) {
        if (text == null || text.isBlank() || text.length() > 2 * MAX_BYTES) {
            return null;
        }
        return Pem.requestDer(text);
    }

    public static Checked check(byte[] der) {
        if (der == null || der.length == 0 || der.length > MAX_BYTES) {
            throw invalid("csr-unreadable", "the certification request is empty or larger than " + MAX_BYTES + " bytes");
        }
        PKCS10CertificationRequest csr;
        SubjectPublicKeyInfo spki;
        try {
            csr = new PKCS10CertificationRequest(der);
            spki = csr.getSubjectPublicKeyInfo();
        } catch (IOException | RuntimeException e) {
            throw invalid("csr-unreadable", "the bytes are not a PKCS#10 certification request");
        }
        KeyAlgorithm algorithm = algorithm(spki);
        PublicKey key;
        boolean possession;
        try {
            key = new JcaPEMKeyConverter().setProvider(Crypto.BC).getPublicKey(spki);
            possession = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(spki));
        } catch (Exception e) {
            possession = false;
            key = null;
        }
        if (!possession) {
            throw invalid("csr-signature", "the request's signature does not verify with the key it carries, so it proves no possession "
                    + "of that key (SM2 requests are signed SM3withSM2 with the default user id 1234567812345678)");
        }
        return new Checked(key, algorithm);
    }

    private static KeyAlgorithm algorithm(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier type = spki.getAlgorithm().getAlgorithm();
        ASN1Encodable parameters = spki.getAlgorithm().getParameters();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
            } catch (IOException | RuntimeException e) {
                throw invalid("csr-unreadable", "the request's RSA key is not readable");
            }
            if (bits < 2048 || bits > 8192) {
                throw invalid("key-algorithm", "RSA keys need 2048 to 8192 bits; this one has " + bits);
            }
            return KeyAlgorithm.RSA;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(type) && GMObjectIdentifiers.sm2p256v1.equals(parameters)) {
            return KeyAlgorithm.SM2;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(type) && X9ObjectIdentifiers.prime256v1.equals(parameters)) {
            return KeyAlgorithm.EC;
        }
        throw invalid("key-algorithm", "only SM2, ECDSA P-256 and RSA (2048 bits or more) keys are certified; this request's key is "
                + type.getId() + (parameters instanceof ASN1ObjectIdentifier curve ? " on curve " + curve.getId() : ""));
    }

    private static CaConnectorException invalid(String code, String message) {
        return new CaConnectorException(Reason.INVALID_REQUEST, code, message);
    }
}
