package cn.huren.server.certificate;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Who may sign an OCSP answer (RFC 6960 4.2.2.2): the CA that issued the certificate, or a responder
 * certificate that CA issued with extended key usage id-kp-OCSPSigning, valid now, sent along in the
 * response. The responder id must name the signer (by name or by key hash) and the signature must
 * verify with its key; anything else is not an answer.
 */
final class OcspSigner {

    private OcspSigner() {
    }

    static void verify(BasicOCSPResp response, RevocationSource source, Instant now) throws OcspClient.Unavailable {
        X509Certificate ca = source.issuer().certificate();
        X509Certificate signer = null;
        try {
            if (names(response.getResponderId(), ca)) {
                signer = ca;
            } else {
                for (X509CertificateHolder holder : response.getCerts()) {
                    X509Certificate candidate = new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(holder);
                    if (names(response.getResponderId(), candidate) && delegated(candidate, ca, now)) {
                        signer = candidate;
                        break;
                    }
                }
            }
            if (signer == null) {
                throw new OcspClient.Unavailable("the response is signed neither by " + source.name()
                        + " nor by an OCSP responder it certified (id-kp-OCSPSigning)");
            }
            if (!response.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(signer.getPublicKey()))) {
                throw new OcspClient.Unavailable("the response's signature does not verify");
            }
        } catch (OcspClient.Unavailable e) {
            throw e;
        } catch (Exception e) {
            throw new OcspClient.Unavailable("the response's signer cannot be checked: " + e.getMessage());
        }
    }

    private static boolean names(RespID id, X509Certificate certificate) throws Exception {
        if (id.equals(new RespID(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())))) {
            return true;
        }
        return id.equals(new RespID(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()),
                new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build().get(CertificateID.HASH_SHA1)));
    }

    private static boolean delegated(X509Certificate responder, X509Certificate ca, Instant now) {
        try {
            List<String> purposes = responder.getExtendedKeyUsage();
            if (purposes == null || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                    || !responder.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                return false;
            }
            responder.checkValidity(Date.from(now));
            responder.verify(ca.getPublicKey(), Crypto.BC);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
