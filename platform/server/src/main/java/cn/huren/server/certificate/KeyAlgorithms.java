package cn.huren.server.certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The name of a certificate holder's key algorithm as pages and plugins show it: SM2, EC or RSA (else the OID). */
public final class KeyAlgorithms {

    private KeyAlgorithms() {
    }

    public static String name(SubjectPublicKeyInfo key) {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
            return "RSA";
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            return algorithm.getParameters() instanceof ASN1ObjectIdentifier curve && GMObjectIdentifiers.sm2p256v1.equals(curve) ? "SM2" : "EC";
        }
        return algorithm.getAlgorithm().getId();
    }
}
