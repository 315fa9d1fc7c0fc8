package cn.huren.device;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test fixture: a small CA issuing certificates for given keys, as the demo CA does. */
final class TestCa {

    final Signatures.Kind kind;
    final KeyPair key;
    final X509Certificate root;

    TestCa(Signatures.Kind kind) {
        this.kind = kind;
        this.key = Signatures.generate(kind);
        this.root = certificate(new X500Name("CN=Test " + kind + " Root CA"), key.getPublic(), true);
    }

    X509Certificate issue(String subject, PublicKey holder) {
        return certificate(new X500Name(subject), holder, false);
    }

    private X509Certificate certificate(X500Name subject, PublicKey holder, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root == null ? subject : X500Name.getInstance(
                    root.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(30))), subject, holder);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().setProvider(Signatures.BC).getCertificate(
                    builder.build(new JcaContentSignerBuilder(kind.algorithm).setProvider(Signatures.BC).build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A medium holding a fresh key of {@code holderKind} certified by this CA. */
    Medium medium(Signatures.Kind holderKind) {
        KeyPair holder = Signatures.generate(holderKind);
        return new Medium(holder.getPrivate(), java.util.List.of(issue("CN=示例公司,SERIALNUMBER=91350100M000100Y43", holder.getPublic()), root));
    }
}
