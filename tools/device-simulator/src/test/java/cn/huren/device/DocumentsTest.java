package cn.huren.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;

class DocumentsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Signatures.Kind.class)
    @DisplayName("a document signed as detached CMS SignedData verifies with the included signer certificate; a changed document does not")
    void detachedCms(Signatures.Kind kind) throws Exception {
        Medium medium = new TestCa(kind == Signatures.Kind.SM2 ? kind : Signatures.Kind.RSA).medium(kind);
        byte[] letter = "诚信承诺书：本单位承诺所填信息真实有效。".getBytes(StandardCharsets.UTF_8);

        CMSSignedData signed = new CMSSignedData(Documents.signDetached(medium, letter));

        assertThat(signed.getSignedContent()).as("detached").isNull();
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        Collection<X509CertificateHolder> certificates = signed.getCertificates().getMatches(signer.getSID());
        assertThat(certificates).hasSize(1);
        assertThat(signed.getCertificates().getMatches(null)).as("the chain is included").hasSize(2);
        X509CertificateHolder certificate = certificates.iterator().next();
        assertThat(certificate.getEncoded()).isEqualTo(medium.certificate().getEncoded());

        CMSSignedData withContent = new CMSSignedData(new CMSProcessableByteArray(letter), signed.getEncoded());
        assertThat(withContent.getSignerInfos().getSigners().iterator().next()
                .verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Signatures.BC).build(certificate))).isTrue();
        if (kind == Signatures.Kind.SM2) {
            assertThat(signer.getEncryptionAlgOID()).isIn("1.2.156.10197.1.501", "1.2.156.10197.1.301.1");
        }

        byte[] changed = "诚信承诺书：本单位承诺所填信息不真实。".getBytes(StandardCharsets.UTF_8);
        CMSSignedData tampered = new CMSSignedData(new CMSProcessableByteArray(changed), signed.getEncoded());
        boolean valid;
        try {
            valid = tampered.getSignerInfos().getSigners().iterator().next()
                    .verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Signatures.BC).build(certificate));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            valid = false;
        }
        assertThat(valid).isFalse();
    }
}
