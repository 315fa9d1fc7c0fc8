package cn.huren.device;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A PKCS#10 request, signed with the new key itself (proof of possession); the CA writes the real subject. */
final class Csr {

    private Csr() {
    }

    static String pem(KeyPair key, Signatures.Kind kind) {
        try {
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=Huren device simulator"), key.getPublic())
                    .build(new JcaContentSignerBuilder(kind.algorithm).setProvider(Signatures.BC).build(key.getPrivate())).getEncoded();
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("building the certification request failed", e);
        }
    }

    /**
     * A self-signed stand-in for a key whose certificate is still being applied for: a PKCS#12 file
     * keeps a private key only with a certificate. {@code download} replaces it with the CA's.
     */
    static X509Certificate placeholder(KeyPair key, Signatures.Kind kind, String note) {
        try {
            X500Principal name = new X500Principal("CN=Huren pending application " + note);
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().setProvider(Signatures.BC).getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now), Date.from(now.plus(Duration.ofDays(365))), name, key.getPublic())
                    .build(new JcaContentSignerBuilder(kind.algorithm).setProvider(Signatures.BC).build(key.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("building the stand-in certificate failed", e);
        }
    }
}
