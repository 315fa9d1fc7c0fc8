package cn.huren.device;

import java.io.IOException;
import java.security.KeyPair;
import java.util.Base64;
import javax.security.auth.x500.X500Principal;
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
}
