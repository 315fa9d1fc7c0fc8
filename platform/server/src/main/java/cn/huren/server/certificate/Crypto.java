package cn.huren.server.certificate;

import java.io.ByteArrayInputStream;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Bouncy Castle for everything X.509: it parses SM2 keys the JDK does not know and verifies
 * ECDSA several times faster than SunEC on JDK 17.
 */
public final class Crypto {

    public static final Provider BC;
    static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

    static {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        BC = installed != null ? installed : new BouncyCastleProvider();
        if (installed == null) {
            Security.addProvider(BC);
        }
    }

    private Crypto() {
    }

    static X509Certificate parse(byte[] der) throws CertificateException {
        if (der == null || der.length == 0 || der.length > MAX_CERTIFICATE_BYTES) {
            throw new CertificateException("certificate is empty or larger than " + MAX_CERTIFICATE_BYTES + " bytes");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }
}
