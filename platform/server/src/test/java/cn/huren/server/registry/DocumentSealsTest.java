package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.DocumentSeals;
import cn.huren.plugin.api.SealException;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The host service DocumentSeals: a person's detached CMS seal over a document, checked like any certificate use. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentSealsTest {

    static final String TENANT = "dsl1";

    @LocalServerPort
    int port;

    @Autowired
    DocumentSeals seals;

    @Autowired
    PartyRegistration parties;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    CertificateBindings bindings;

    @Autowired
    CertificateVerifier verifier;

    TenantDescriptor tenant;
    final byte[] pledge = "诚信承诺书\n承诺人：张三\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body(TENANT, "neimenggu"));
        op.post("/api/platform/tenants/" + TENANT + "/demo-ca", null);
        tenant = tenants.byCode(TENANT).orElseThrow();
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    /** A valid resident ID (GB 11643) ending in the given sequence number. */
    static String residentId(int n) {
        String first17 = String.format("15010219900101%03d", n);
        return DemoCaClient.residentId(first17);
    }

    /** A registered person holding a demo-CA certificate of the tenant. */
    record Person(long partyId, String residentId, String algorithm, DemoCaClient key, String serial) {
    }

    /** A registered person whose demo-CA certificate is bound to its party (activated). */
    Person person(int n, String algorithm) {
        Person p = unboundPerson(n, algorithm);
        bind(p);
        return p;
    }

    void bind(Person p) {
        byte[] der = der(p);
        as(() -> bindings.bind(p.partyId(), verifier.verify(der, List.of()), der, CertificateBindings.Medium.TOKEN, null, "张三",
                "party:" + p.partyId()));
    }

    static byte[] der(Person p) {
        try {
            return x509(p.key().certificate).getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registered person holding a demo-CA certificate of the tenant, not bound to its party. */
    Person unboundPerson(int n, String algorithm) {
        String id = residentId(n);
        DemoCaClient key = new DemoCaClient(port, algorithm);
        HttpApi.Reply enrolled = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/demo-ca/certificates", Map.of(
                "csr", key.csr(key.key.getPrivate()), "kind", "PERSON", "identifier", id, "name", "张三" + n));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        key.certificate = enrolled.json().get("certificate").asText();
        long party = as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, id, "张三" + n, "ukey")).id());
        return new Person(party, id, algorithm, key, enrolled.json().get("serialNumber").asText());
    }

    static X509Certificate x509(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", DemoCaClient.BC).generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A detached CMS SignedData as a sealing tool makes it, with the signing-time attribute given. */
    static byte[] seal(String algorithm, PrivateKey key, X509Certificate certificate, byte[] document, Instant signingTime) {
        try {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(java.util.Date.from(signingTime)))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .setProvider(DemoCaClient.BC).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(DemoCaClient.BC).build(key), certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(new CMSProcessableByteArray(document), false).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] seal(Person p, byte[] document, Instant signingTime) {
        return seal(p.algorithm().equals("SM2") ? "SM3withSM2" : p.algorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA",
                p.key().key.getPrivate(), x509(p.key().certificate), document, signingTime);
    }

    void refused(Person p, byte[] document, byte[] cms, String code, int status) {
        assertThatThrownBy(() -> as(() -> seals.verify(p.partyId(), document, cms)))
                .isInstanceOfSatisfying(SealException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(status);
                });
    }

    @Test
    @DisplayName("X-09: a person's SM2 seal over the document verifies: signer, certificate as presented, signedAt from the signing-time attribute")
    void verifies() throws Exception {
        Person p = person(1, "SM2");
        Instant signedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

        DocumentSeals.Seal seal = as(() -> seals.verify(p.partyId(), pledge, seal(p, pledge, signedAt)));

        assertThat(seal.signerIdentifier()).isEqualTo(p.residentId());
        assertThat(seal.signerName()).isEqualTo("张三1");
        assertThat(seal.signedAt()).isEqualTo(signedAt);
        assertThat(seal.certificate().serial()).isEqualToIgnoringCase(p.serial());
        assertThat(seal.certificate().holderKind()).isEqualTo("NATURAL_PERSON");
        assertThat(seal.certificate().holderIdentifier()).isEqualTo(p.residentId());
        assertThat(seal.certificate().algorithm()).isEqualTo("SM2");
        assertThat(seal.certificate().medium()).isNull();
        assertThat(seal.certificate().fingerprint()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(x509(p.key().certificate).getEncoded())));
        assertThat(seal.certificate().notAfter()).isAfter(Instant.now());
    }

    @Test
    @DisplayName("X-09: a seal over other bytes, by another person's certificate, dated in the future, or garbage is refused with the core's codes")
    void refusedSeals() {
        Person p = person(2, "SM2");
        Person other = person(3, "SM2");
        Instant now = Instant.now();

        refused(p, pledge, seal(p, "另一份文件".getBytes(StandardCharsets.UTF_8), now), "signature-invalid", 422);
        refused(p, pledge, seal(other, pledge, now), "signer-not-party", 422);
        refused(p, pledge, seal(p, pledge, now.plus(Duration.ofHours(1))), "signature-invalid", 422);
        refused(p, pledge, "not a signature".getBytes(StandardCharsets.UTF_8), "signature-malformed", 400);
        refused(p, pledge, new byte[0], "signature-malformed", 400);
        assertThat(as(() -> seals.verify(p.partyId(), pledge, seal(p, pledge, now.plus(Duration.ofMinutes(1))))).signedAt())
                .as("a signer's clock a minute fast is tolerated").isEqualTo(now.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    @DisplayName("X-09, X-04: a seal by a certificate the demo CA revoked is refused as certificate-revoked")
    void revoked() {
        Person p = person(4, "SM2");
        byte[] cms = seal(p, pledge, Instant.now());
        assertThat(as(() -> seals.verify(p.partyId(), pledge, cms)).signerIdentifier()).isEqualTo(p.residentId());

        HttpApi.Reply revoked = HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/demo-ca/revocations",
                Map.of("serial", p.serial(), "reason", "KEY_COMPROMISE"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        refused(p, pledge, cms, "certificate-revoked", 403);
    }

    @Test
    @DisplayName("X-09: a seal made by OpenSSL (openssl cms -sign -binary -outform DER, detached) verifies, signedAt from its signing time")
    void openSslSeal() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assertThat(Files.isExecutable(openssl)).as("openssl is installed where the tests run").isTrue();
        Person p = person(5, "EC");
        Path dir = Files.createTempDirectory("huren-seal");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(p.key().key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path certificate = dir.resolve("certificate.pem");
        Files.writeString(certificate, p.key().certificate);
        Path document = dir.resolve("pledge.txt");
        Files.write(document, pledge);
        Path signature = dir.resolve("pledge.p7s");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Process process = new ProcessBuilder(openssl.toString(), "cms", "-sign", "-binary", "-outform", "DER", "-md", "sha256",
                "-in", document.toString(), "-signer", certificate.toString(), "-inkey", key.toString(), "-out", signature.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();

        DocumentSeals.Seal seal = as(() -> seals.verify(p.partyId(), pledge, readAll(signature)));
        assertThat(seal.signerIdentifier()).isEqualTo(p.residentId());
        assertThat(seal.certificate().algorithm()).isEqualTo("EC");
        assertThat(seal.signedAt()).isBetween(before, Instant.now());
        refused(p, "other".getBytes(StandardCharsets.UTF_8), readAll(signature), "signature-invalid", 422);
    }

    static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("X-09: a seal by the party's own certificate that is not bound to it (never activated, or voided) is refused as signer-not-bound")
    void unboundSigner() {
        Person p = unboundPerson(7, "SM2");
        byte[] cms = seal(p, pledge, Instant.now());
        refused(p, pledge, cms, "signer-not-bound", 422);

        bind(p);
        assertThat(as(() -> seals.verify(p.partyId(), pledge, cms)).signerIdentifier()).isEqualTo(p.residentId());

        String fingerprint = as(() -> seals.verify(p.partyId(), pledge, cms)).certificate().fingerprint();
        assertThat(as(() -> bindings.voidEnded(p.partyId(), fingerprint, "密钥遗失", "party:" + p.partyId()))).isTrue();
        refused(p, pledge, cms, "signer-not-bound", 422);
    }

    @Test
    @DisplayName("an unknown party: 404 party-not-found")
    void unknownParty() {
        Person p = person(6, "SM2");
        byte[] cms = seal(p, pledge, Instant.now());
        assertThatThrownBy(() -> as(() -> seals.verify(987654L, pledge, cms)))
                .isInstanceOfSatisfying(SealException.class, e -> assertThat(e.code()).isEqualTo("party-not-found"));
    }
}
