package cn.huren.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediumTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Signatures.Kind.class)
    @DisplayName("JS-12, JS-74: key and chain survive a PKCS#12 file opened with the PIN (SM2 too, in Bouncy Castle's PKCS12); the medium id is stable")
    void pkcs12RoundTrip(Signatures.Kind kind) throws Exception {
        Medium medium = new TestCa(kind == Signatures.Kind.SM2 ? kind : Signatures.Kind.RSA).medium(kind);
        Path p12 = dir.resolve(kind + ".p12");
        medium.save(p12, "123456".toCharArray());

        Medium opened = Medium.open(p12, "123456".toCharArray());

        assertThat(opened.kind()).isEqualTo(kind);
        assertThat(opened.chain()).hasSize(2).isEqualTo(medium.chain());
        assertThat(opened.mediumId()).isEqualTo(medium.mediumId()).startsWith("HUREN-SIM-").hasSize(34);
        byte[] message = "huren-login:js:id:nonce".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.verify(medium.certificate().getPublicKey(), message, opened.sign(message))).isTrue();
    }

    @Test
    @DisplayName("a wrong PIN or a file that is no PKCS#12 is reported as such")
    void wrongPin() throws Exception {
        Path p12 = dir.resolve("k.p12");
        new TestCa(Signatures.Kind.SM2).medium(Signatures.Kind.SM2).save(p12, "123456".toCharArray());
        assertThatThrownBy(() -> Medium.open(p12, "654321".toCharArray())).isInstanceOf(Medium.WrongPin.class).hasMessageContaining("PIN");
        Path junk = Files.writeString(dir.resolve("junk.p12"), "not a key store");
        assertThatThrownBy(() -> Medium.open(junk, "123456".toCharArray())).isInstanceOf(Medium.WrongPin.class);
    }

    @Test
    @DisplayName("SM2 signatures are SM3withSM2 with the default user id 1234567812345678, DER-encoded (r, s)")
    void sm2Format() throws Exception {
        Medium medium = new TestCa(Signatures.Kind.SM2).medium(Signatures.Kind.SM2);
        byte[] message = "huren-login:js:0b6f3c1e:nonce".getBytes(StandardCharsets.UTF_8);
        byte[] signature = medium.sign(message);

        ASN1Sequence rs = ASN1Sequence.getInstance(signature);
        assertThat(rs.size()).isEqualTo(2);
        assertThat(rs.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
        Signature explicit = Signature.getInstance("SM3withSM2", Signatures.BC);
        explicit.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        explicit.initVerify(medium.certificate().getPublicKey());
        explicit.update(message);
        assertThat(explicit.verify(signature)).isTrue();
    }

    @Test
    @DisplayName("RSA signs PKCS#1 v1.5 SHA-256, ECDSA P-256 SHA-256 in DER, both verifiable by the JDK's own providers")
    void rsaAndEcFormats() throws Exception {
        byte[] message = "huren-login:js:x:y".getBytes(StandardCharsets.UTF_8);
        for (Signatures.Kind kind : new Signatures.Kind[] {Signatures.Kind.RSA, Signatures.Kind.EC}) {
            Medium medium = new TestCa(Signatures.Kind.RSA).medium(kind);
            Signature jdk = Signature.getInstance(kind == Signatures.Kind.RSA ? "SHA256withRSA" : "SHA256withECDSA");
            jdk.initVerify(java.security.KeyFactory.getInstance(kind == Signatures.Kind.RSA ? "RSA" : "EC")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(medium.certificate().getPublicKey().getEncoded())));
            jdk.update(message);
            assertThat(jdk.verify(medium.sign(message))).as(kind.name()).isTrue();
        }
    }
}
