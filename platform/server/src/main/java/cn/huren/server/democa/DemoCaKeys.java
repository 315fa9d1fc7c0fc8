package cn.huren.server.democa;

import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.support.SecretBox;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The demo CAs' private keys: sealed with the master key (AES-GCM, bound to the tenant and the CA's
 * name, so a sealed key cannot be moved to another tenant or CA), opened once and kept in memory.
 */
@Component
@Conditional(DemoCaEnabled.class)
class DemoCaKeys {

    static final Provider BC = new BouncyCastleProvider();

    private final SecretBox secrets;
    /** Keyed by the sealed text itself: a re-created tenant's new CA can never hit an old entry. */
    private final Cache<String, DemoCertificateAuthority> opened = Caffeine.newBuilder().maximumSize(1_000).build();

    DemoCaKeys(SecretBox secrets) {
        this.secrets = secrets;
    }

    String seal(String tenantCode, String caName, PrivateKey key) {
        return secrets.seal(Base64.getEncoder().encodeToString(key.getEncoded()), context(tenantCode, caName));
    }

    DemoCertificateAuthority open(String tenantCode, DemoCaStore.Authority ca) {
        return opened.get(tenantCode + "|" + ca.sealedKey(), k -> restore(tenantCode, ca));
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored demo CA certificate cannot be parsed", e);
        }
    }

    private DemoCertificateAuthority restore(String tenantCode, DemoCaStore.Authority ca) {
        byte[] pkcs8 = Base64.getDecoder().decode(secrets.open(ca.sealedKey(), context(tenantCode, ca.name())));
        try {
            String family = ca.algorithm() == KeyAlgorithm.RSA ? "RSA" : "EC";
            PrivateKey key = KeyFactory.getInstance(family, BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return DemoCertificateAuthority.restore(ca.algorithm(), certificate(ca.certificate()), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of demo CA " + ca.name() + " cannot be read", e);
        }
    }

    private static String context(String tenantCode, String caName) {
        return "demo-ca:" + tenantCode + ":" + caName + ":private_key";
    }
}
