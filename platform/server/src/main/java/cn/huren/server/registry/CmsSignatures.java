package cn.huren.server.registry;

import cn.huren.server.support.ApiException;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.springframework.http.HttpStatus;

/**
 * Detached CMS SignedData (what a sealing tool or `openssl cms -sign -binary` makes): exactly one
 * signer, its certificate included, its signature valid over the given content (RSA, ECDSA, or
 * SM3withSM2 through Bouncy Castle).
 */
final class CmsSignatures {

    /**
     * @param keyAlgorithm SM2, EC or RSA: the signer's key
     * @param signingTime  the signed signing-time attribute, or null when the signature carries none
     */
    record Signed(byte[] signerCertificate, String keyAlgorithm, java.time.Instant signingTime) {
    }

    private static final java.security.Provider BC = java.util.Optional.ofNullable(java.security.Security.getProvider("BC"))
            .orElseGet(org.bouncycastle.jce.provider.BouncyCastleProvider::new);

    private CmsSignatures() {
    }

    static Signed verifyDetached(byte[] cms, byte[] content) {
        if (cms == null || cms.length == 0 || cms.length > 256 * 1024) {
            throw ApiException.badRequest("signature-malformed", "a detached CMS signature (DER, at most 256 KB) is required");
        }
        CMSSignedData data;
        try {
            data = new CMSSignedData(new CMSProcessableByteArray(content), cms);
        } catch (CMSException | RuntimeException e) {
            throw ApiException.badRequest("signature-malformed", "not a CMS signature");
        }
        try {
            Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw ApiException.badRequest("signature-malformed", "exactly one signer expected, found " + signers.size());
            }
            SignerInformation signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certificates = data.getCertificates().getMatches(signer.getSID());
            if (certificates.isEmpty()) {
                throw ApiException.badRequest("signature-malformed", "the signer's certificate must be included in the signature");
            }
            X509CertificateHolder certificate = certificates.iterator().next();
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate));
            if (!valid) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "signature-invalid", "the signature does not match the document");
            }
            return new Signed(certificate.getEncoded(), keyAlgorithm(certificate), signingTime(signer));
        } catch (CMSException e) {
            // a signature over other bytes fails the message digest check here too
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "signature-invalid",
                    "not a valid detached CMS signature over this document: " + e.getMessage());
        } catch (org.bouncycastle.operator.OperatorCreationException | java.io.IOException | java.security.cert.CertificateException e) {
            throw ApiException.badRequest("signature-malformed", "the signature could not be read: " + e.getMessage());
        }
    }

    private static String keyAlgorithm(X509CertificateHolder certificate) {
        return cn.huren.server.certificate.KeyAlgorithms.name(certificate.getSubjectPublicKeyInfo());
    }

    private static java.time.Instant signingTime(SignerInformation signer) {
        org.bouncycastle.asn1.cms.AttributeTable signed = signer.getSignedAttributes();
        org.bouncycastle.asn1.cms.Attribute attribute = signed == null ? null
                : signed.get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        try {
            return org.bouncycastle.asn1.cms.Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException unreadable) {
            throw ApiException.badRequest("signature-malformed", "the signature's signing time cannot be read");
        }
    }
}
