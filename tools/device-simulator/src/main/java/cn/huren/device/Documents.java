package cn.huren.device;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS SignedData (PKCS#7, .p7s) over a document, as a signing app makes for an online
 * signed letter: the medium's algorithm (SM3withSM2, SHA256withRSA, SHA256withECDSA), signed
 * attributes, the signer's chain included.
 */
final class Documents {

    private Documents() {
    }

    static byte[] signDetached(Medium medium, byte[] document) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Signatures.BC).build())
                    .build(new JcaContentSignerBuilder(medium.kind().algorithm).setProvider(Signatures.BC).build(medium.key()),
                            medium.certificate()));
            generator.addCertificates(new JcaCertStore(medium.chain()));
            return generator.generate(new CMSProcessableByteArray(document), false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("CMS signing failed: " + e.getMessage(), e);
        }
    }
}
