package cn.huren.server.certificate;

import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Test fixture: signs as a certificate holder's key or app does, with the algorithm its key calls for. */
public final class HolderSignatures {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private HolderSignatures() {
    }

    /** SHA256withRSA, SM3withSM2 (default user id) or SHA256withECDSA. */
    public static String algorithm(PrivateKey key, X509Certificate certificate) {
        if (key.getAlgorithm().equals("RSA")) {
            return "SHA256withRSA";
        }
        return certificate.getSigAlgName().toUpperCase().contains("SM3") ? "SM3withSM2" : "SHA256withECDSA";
    }

    /** Base64 of the signature over the message's UTF-8 bytes. */
    public static String sign(PrivateKey key, X509Certificate certificate, String message) {
        try {
            Signature s = Signature.getInstance(algorithm(key, certificate), BC);
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(Issued holder, String message) {
        return sign(holder.privateKey(), holder.certificate(), message);
    }
}
