package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.registry.RegistrationDocuments.Role;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registration completes with the licence, the legal representative's attachment and the signed commitment letter. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationDocumentsTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @LocalServerPort
    int port;

    @Autowired
    RegistrationDocuments documents;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Attachments attachments;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    JdbcClient sql;

    @Autowired
    CertificateBindings bindings;

    @Autowired
    CertificateVerifier verifier;

    final DemoCertificateAuthority sm2 = DemoCertificateAuthority.root("签章 SM2 CA", KeyAlgorithm.SM2);
    final DemoCertificateAuthority rsa = DemoCertificateAuthority.root("签章 RSA CA", KeyAlgorithm.RSA);
    final DemoCertificateAuthority stranger = DemoCertificateAuthority.root("不认可的 CA", KeyAlgorithm.SM2);
    TenantDescriptor tenant;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("rdc1", "jiangsu"));
        for (DemoCertificateAuthority ca : new DemoCertificateAuthority[] {sm2, rsa}) {
            op.post("/api/platform/tenants/rdc1/cas", Map.of("name", ca.algorithm() + " CA", "certificate", ca.pem(),
                    "identity", Map.of("source", "OID", "oid", OID_USCC)));
        }
        tenant = tenants.byCode("rdc1").orElseThrow();
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    Issued certificate(DemoCertificateAuthority ca, String uscc) {
        return ca.issue(Subject.of("承诺测试有限公司", null, Map.of(OID_USCC, uscc)));
    }

    /** The party's certificate, bound to it: only a bound (activated) certificate seals for its party. */
    Issued bound(long party, Issued certificate) {
        try {
            byte[] der = certificate.certificate().getEncoded();
            as(() -> bindings.bind(party, verifier.verify(der, List.of()), der, CertificateBindings.Medium.TOKEN, null, "经办人",
                    "party:" + party));
            return certificate;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] detachedCms(Issued signer, byte[] content) throws Exception {
        String algorithm = HolderSignatures.algorithm(signer.privateKey(), signer.certificate());
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signer.privateKey()), signer.certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    }

    long ledgerEntries() {
        return sql.sql("select count(*) from tenant_rdc1.ledger_entry").query(Long.class).single();
    }

    @Test
    @DisplayName("JS-08, X-09, JS-85: licence and legal-representative attachments plus the commitment letter sealed with the party's SM2 certificate complete registration")
    void completeWithSm2Seal() throws Exception {
        String uscc = RegisteredParties.uscc(701);
        long party = RegisteredParties.enterprise(parties, tenant, uscc, "承诺测试有限公司");
        assertThat(as(() -> documents.status(party)).complete()).isFalse();

        as(() -> documents.attach(party, Role.BUSINESS_LICENCE, attachments.store(party, "licence.pdf", RecordLifecycleTest.PDF).id(), "p"));
        as(() -> documents.attach(party, Role.LEGAL_REPRESENTATIVE, attachments.store(party, "id.pdf", RecordLifecycleTest.PDF).id(), "p"));
        RegistrationDocuments.Status before = as(() -> documents.status(party));
        assertThat(before.complete()).isFalse();
        assertThat(before.documents()).containsEntry(Role.COMMITMENT_LETTER, false);

        byte[] letter = as(() -> documents.commitmentLetter(party));
        assertThat(new String(letter, StandardCharsets.UTF_8)).contains(uscc).contains("承诺书");
        Issued seal = bound(party, certificate(sm2, uscc));
        RegistrationDocuments.Status after = as(() -> documents.signCommitmentLetter(party, cms(seal, letter), "p"));

        assertThat(after.complete()).isTrue();
        assertThat(after.commitmentSigner()).isEqualTo(seal.certificate().getSerialNumber().toString(16).toUpperCase());
    }

    @Test
    @DisplayName("X-09: an RSA seal works too; a person needs only the letter")
    void rsaSeal() throws Exception {
        String uscc = RegisteredParties.uscc(702);
        long party = RegisteredParties.enterprise(parties, tenant, uscc, "承诺测试有限公司");
        byte[] letter = as(() -> documents.commitmentLetter(party));
        RegistrationDocuments.Status status = as(() -> documents.signCommitmentLetter(party, cms(bound(party, certificate(rsa, uscc)), letter), "p"));
        assertThat(status.documents()).containsEntry(Role.COMMITMENT_LETTER, true);
        assertThat(status.complete()).as("the licence and legal representative are still missing").isFalse();
    }

    @Test
    @DisplayName("X-09: a seal over other text, by another party's certificate, by its own not bound to it, by an unrecognised CA, or garbage: refused with the reason, nothing recorded")
    void refusedSeals() throws Exception {
        String uscc = RegisteredParties.uscc(703);
        long party = RegisteredParties.enterprise(parties, tenant, uscc, "承诺测试有限公司");
        byte[] letter = as(() -> documents.commitmentLetter(party));
        long before = ledgerEntries();

        refused(party, cms(certificate(sm2, uscc), "另一份文件".getBytes(StandardCharsets.UTF_8)), "signature-invalid");
        refused(party, cms(certificate(sm2, RegisteredParties.uscc(704)), letter), "signer-not-party");
        refused(party, cms(certificate(sm2, uscc), letter), "signer-not-bound");
        refused(party, cms(certificate(stranger, uscc), letter), "certificate-untrusted");
        refused(party, "not a signature".getBytes(StandardCharsets.UTF_8), "signature-malformed");
        refused(party, new byte[0], "signature-malformed");

        assertThat(ledgerEntries()).isEqualTo(before);
        assertThat(as(() -> documents.status(party)).documents()).containsEntry(Role.COMMITMENT_LETTER, false);
    }

    private void refused(long party, byte[] cms, String kind) {
        assertThatThrownBy(() -> as(() -> documents.signCommitmentLetter(party, cms, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    private static byte[] cms(Issued signer, byte[] content) {
        try {
            return detachedCms(signer, content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
