package cn.huren.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.party.PartyKind;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Real RSA, ECDSA P-256 and SM2 certificates from Bouncy Castle CAs, checked per tenant. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateVerifierTest {


    @LocalServerPort
    int port;

    @Autowired
    CertificateVerifier verifier;

    @Autowired
    TenantDirectory tenants;

    DemoCertificateAuthority rsa = DemoCertificateAuthority.root("江苏数科CA", KeyAlgorithm.RSA);
    DemoCertificateAuthority ec = DemoCertificateAuthority.root("国信CA", KeyAlgorithm.EC);
    DemoCertificateAuthority sm2 = DemoCertificateAuthority.root("CFCA", KeyAlgorithm.SM2);
    DemoCertificateAuthority ecIssuing = ec.intermediate("国信CA 二级");
    DemoCertificateAuthority untrusted = DemoCertificateAuthority.root("Unknown CA", KeyAlgorithm.RSA);
    long rsaId;

    @BeforeAll
    void tenantsAndCas() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("cva", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("cvb", "shanxi"));
        rsaId = upload("cva", "江苏数科CA", rsa, Map.of("source", "SUBJECT_SERIAL")).json().get("id").asLong();
        upload("cva", "国信CA", ec, Map.of("source", "CN_PATTERN", "pattern", "^(?<name>.+)@(?<id>[0-9A-Z]{18})$"));
        upload("cva", "国信CA 二级", ecIssuing, Map.of("source", "OID", "oid", "1.2.86.11.7.1"));
        upload("cva", "CFCA", sm2, Map.of("source", "OID", "oid", "1.2.156.10260.4.1.4"));
        upload("cvb", "江苏数科CA", rsa, Map.of("source", "SUBJECT_SERIAL"));
    }

    Reply upload(String tenant, String name, DemoCertificateAuthority ca, Map<String, String> identity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("certificate", ca.pem());
        body.put("identity", identity);
        Reply reply = HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/cas", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    VerifiedCertificate verify(String tenant, X509Certificate certificate, X509Certificate... intermediates) {
        return TenantContext.callAs(tenants.byCode(tenant).orElseThrow(), () -> {
            try {
                List<byte[]> extra = new java.util.ArrayList<>();
                for (X509Certificate c : intermediates) {
                    extra.add(c.getEncoded());
                }
                return verifier.verify(certificate.getEncoded(), extra);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void refused(String tenant, X509Certificate certificate, String kind) {
        assertThatThrownBy(() -> verify(tenant, certificate)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    @DisplayName("JS-03: an RSA certificate with the USCC in the subject serialNumber verifies and names the enterprise")
    void rsaSubjectSerial() {
        X509Certificate cert = rsa.issue(Subject.of("示例建设有限公司", "91350100M000100Y43", Map.of())).certificate();

        VerifiedCertificate v = verify("cva", cert);

        assertThat(v.holderKind()).isEqualTo(PartyKind.ENTERPRISE);
        assertThat(v.holderIdentifier()).isEqualTo("91350100M000100Y43");
        assertThat(v.caName()).isEqualTo("江苏数科CA");
        assertThat(v.holderName()).isEqualTo("示例建设有限公司");
        assertThat(v.serialNumber()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase());
    }

    @Test
    @DisplayName("an ECDSA P-256 certificate with name@ID in the CN verifies and names the person")
    void ecCnPattern() {
        VerifiedCertificate v = verify("cva", ec.issue(Subject.of("张三@11010519491231002X", null, Map.of())).certificate());

        assertThat(v.holderKind()).isEqualTo(PartyKind.NATURAL_PERSON);
        assertThat(v.holderIdentifier()).isEqualTo("11010519491231002X");
    }

    @Test
    @DisplayName("an SM2 (SM3withSM2) certificate with the USCC in a CA-private OID verifies")
    void sm2PrivateOid() {
        VerifiedCertificate v = verify("cva", sm2.issue(Subject.of("福建示例公司", null,
                Map.of("1.2.156.10260.4.1.4", "91110000802100433B"))).certificate());

        assertThat(v.holderIdentifier()).isEqualTo("91110000802100433B");
        assertThat(v.signatureAlgorithm()).containsIgnoringCase("SM3");
    }

    @Test
    @DisplayName("a chain through an intermediate verifies, whether the intermediate is trusted or presented with the certificate")
    void intermediates() {
        VerifiedCertificate viaTrusted = verify("cva", ecIssuing.issue(Subject.of("某公司", null,
                Map.of("1.2.86.11.7.1", "91350100M000100Y43"))).certificate());
        DemoCertificateAuthority presentedOnly = ec.intermediate("国信CA 临时");
        VerifiedCertificate viaPresented = verify("cva", presentedOnly.issue(Subject.of("李四@11010519491231002X", null, Map.of()))
                .certificate(), presentedOnly.certificate());

        assertThat(viaTrusted.caName()).isEqualTo("国信CA 二级");
        assertThat(viaPresented.caName()).as("the root's mapping applies").isEqualTo("国信CA");
        refused("cva", presentedOnly.issue(Subject.of("李四@11010519491231002X", null, Map.of())).certificate(), "certificate-untrusted");
    }

    @Test
    @DisplayName("a certificate of an unrecognised CA is refused, naming the CAs that are recognised")
    void untrustedCa() {
        assertThatThrownBy(() -> verify("cva", untrusted.issue(Subject.of("x", "91350100M000100Y43", Map.of())).certificate()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo("certificate-untrusted");
                    assertThat(e.getMessage()).contains("江苏数科CA", "CFCA", "国信CA");
                });
    }

    @Test
    @DisplayName("a certificate trusted only by one tenant cannot be used with another")
    void crossTenant() {
        X509Certificate sm2Cert = sm2.issue(Subject.of("福建示例公司", null, Map.of("1.2.156.10260.4.1.4", "91110000802100433B"))).certificate();

        assertThat(verify("cva", sm2Cert).holderIdentifier()).isEqualTo("91110000802100433B");
        refused("cvb", sm2Cert, "certificate-untrusted");
    }

    @Test
    @DisplayName("X-04: expired, not yet valid, not for signing, disabled CA, or missing identity: refused with the reason")
    void refusals() {
        Instant now = Instant.now();
        refused("cva", rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of()).validity(now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(1)))).certificate(), "certificate-expired");
        refused("cva", rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of()).validity(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(10)))).certificate(), "certificate-not-yet-valid");
        refused("cva", rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of()).withoutDigitalSignature()).certificate(), "certificate-key-usage");
        refused("cva", rsa.issue(Subject.of("no serial", null, Map.of())).certificate(), "certificate-identity");
        refused("cva", rsa.issue(Subject.of("bad serial", "91350100M000100Y44", Map.of())).certificate(), "certificate-identity");
        refused("cva", rsa.certificate(), "certificate-key-usage");

        X509Certificate good = rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of())).certificate();
        HttpApi.operator(port).post("/api/platform/tenants/cva/cas/" + rsaId + "/disable", null);
        refused("cva", good, "certificate-untrusted");
        HttpApi.operator(port).post("/api/platform/tenants/cva/cas/" + rsaId + "/enable", null);
        assertThat(verify("cva", good).caName()).isEqualTo("江苏数科CA");
    }

    @Test
    @DisplayName("X-04: a certificate with a critical extension the chain check does not process is refused, not half-checked")
    void unprocessedCriticalExtension() throws Exception {
        java.security.KeyPair holder = DemoCertificateAuthority.keyPair(KeyAlgorithm.RSA);
        Instant now = Instant.now();
        org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                rsa.certificate(), java.math.BigInteger.valueOf(now.toEpochMilli()), java.util.Date.from(now.minusSeconds(60)),
                java.util.Date.from(now.plus(Duration.ofDays(30))), new org.bouncycastle.asn1.x500.X500Name("CN=x,SERIALNUMBER=91350100M000100Y43"),
                holder.getPublic());
        builder.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.156.10260.4.1.99"), true,
                new org.bouncycastle.asn1.DERUTF8String("must be understood"));
        X509Certificate cert = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(
                builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").setProvider(Crypto.BC)
                        .build(rsa.privateKey())));

        refused("cva", cert, "certificate-untrusted");
    }

    @Test
    @DisplayName("garbage, truncated or oversized certificate bytes get a 4xx, never a 5xx")
    void unreadable() throws Exception {
        byte[] real = rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of())).certificate().getEncoded();
        for (byte[] bad : new byte[][] {"not a certificate".getBytes(), java.util.Arrays.copyOf(real, real.length / 2), new byte[20_000], new byte[0]}) {
            assertThatThrownBy(() -> TenantContext.callAs(tenants.byCode("cva").orElseThrow(), () -> verifier.verify(bad, List.of())))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("certificate-unreadable"));
        }
    }

    @Test
    @DisplayName("uploading: a non-CA certificate, a duplicate, a bad identity mapping or garbage is refused with 400/409")
    void uploadValidation() {
        HttpApi op = HttpApi.operator(port);
        String leaf = rsa.issue(Subject.of("x", "91350100M000100Y43", Map.of())).pem();
        Map<String, Object> base = new LinkedHashMap<>(Map.of("name", "x", "identity", Map.of("source", "SUBJECT_SERIAL")));

        base.put("certificate", leaf);
        assertThat(op.post("/api/platform/tenants/cva/cas", base).json().get("errors").get(0).get("field").asText()).isEqualTo("certificate");
        base.put("certificate", rsa.pem());
        assertThat(op.post("/api/platform/tenants/cva/cas", base).status()).isEqualTo(409);
        base.put("certificate", untrusted.pem());
        base.put("identity", Map.of("source", "CN_PATTERN", "pattern", "^(.+)$"));
        assertThat(op.post("/api/platform/tenants/cva/cas", base).status()).isEqualTo(400);
        base.put("identity", Map.of("source", "EMAIL"));
        assertThat(op.post("/api/platform/tenants/cva/cas", base).status()).isEqualTo(400);
        base.put("identity", Map.of("source", "SUBJECT_SERIAL"));
        base.put("certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");
        assertThat(op.post("/api/platform/tenants/cva/cas", base).status()).isEqualTo(400);
        assertThat(op.get("/api/platform/tenants/cva/cas").json().findValuesAsText("name")).doesNotContain("x");
    }
}
