package cn.huren.server.certificate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OCSP answered by a real responder inside WireMock, with responses Bouncy Castle builds and signs. */
@IntegrationTest
class OcspTest extends RevocationTestBase {

    @Override
    String tenant() {
        return "ocsp1";
    }

    DemoCertificateAuthority withOcsp(String name, KeyAlgorithm algorithm) {
        return fixture.trust(DemoCertificateAuthority.root(name, algorithm), name, null, fixture.ocspUrl(name));
    }

    static X509Certificate cert(DemoCertificateAuthority ca) {
        return ca.issue(Subject.of("示例", "91350100M000100Y43", Map.of())).certificate();
    }

    /** A responder certificate issued by {@code ca}, with or without id-kp-OCSPSigning. */
    static Issued responder(DemoCertificateAuthority ca, boolean ocspSigning) throws Exception {
        KeyPair pair = DemoCertificateAuthority.keyPair(ca.algorithm());
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=OCSP responder"), pair.getPublic());
        if (ocspSigning) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
        }
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(builder.build(
                new JcaContentSignerBuilder(OcspResponder.signatureAlgorithm(ca)).setProvider(Crypto.BC).build(ca.privateKey())));
        return new Issued(certificate, pair.getPrivate());
    }

    @Test
    @DisplayName("X-04: where OCSP is configured, GOOD passes, REVOKED is refused (certificate-revoked), UNKNOWN is refused; answers are cached until nextUpdate")
    void goodRevokedUnknownCached() {
        DemoCertificateAuthority ca = withOcsp("ocA", KeyAlgorithm.SM2);
        OcspResponder.Plan plan = OcspResponder.Plan.by(ca);
        fixture.answerOcsp("ocA", plan);
        X509Certificate good = cert(ca);
        X509Certificate revoked = cert(ca);
        X509Certificate unknown = cert(ca);
        plan.revoked().add(revoked.getSerialNumber());
        plan.unknown().add(unknown.getSerialNumber());

        for (int i = 0; i < 3; i++) {
            assertThat(fixture.verify(good).caName()).isEqualTo("ocA");
        }
        assertThat(fixture.refused(revoked, "certificate-revoked").getMessage()).contains("ocA");
        fixture.refused(unknown, "ocsp-unknown");
        fixture.refused(revoked, "certificate-revoked");

        fixture.server.verify(3, postRequestedFor(urlEqualTo("/ocsp/ocA")).withHeader("Content-Type", equalTo("application/ocsp-request")));
    }

    @Test
    @DisplayName("X-04: an answer signed by a responder the CA certified for OCSP signing counts; one signed by a certificate without id-kp-OCSPSigning or by another CA does not (ocsp-unavailable)")
    void signers() throws Exception {
        DemoCertificateAuthority ec = withOcsp("ocB", KeyAlgorithm.EC);
        Issued delegated = responder(ec, true);
        fixture.answerOcsp("ocB", OcspResponder.Plan.by(ec).signedBy(delegated.certificate(), delegated.privateKey(), "SHA256withECDSA"));
        assertThat(fixture.verify(cert(ec)).caName()).isEqualTo("ocB");

        DemoCertificateAuthority rsa = withOcsp("ocC", KeyAlgorithm.RSA);
        Issued notForOcsp = responder(rsa, false);
        fixture.answerOcsp("ocC", OcspResponder.Plan.by(rsa).signedBy(notForOcsp.certificate(), notForOcsp.privateKey(), "SHA256withRSA"));
        assertThat(fixture.refused(cert(rsa), "ocsp-unavailable").getMessage()).contains("ocC", "id-kp-OCSPSigning");

        DemoCertificateAuthority sm2 = withOcsp("ocD", KeyAlgorithm.SM2);
        fixture.answerOcsp("ocD", OcspResponder.Plan.by(DemoCertificateAuthority.root("ocD", KeyAlgorithm.SM2)));
        fixture.refused(cert(sm2), "ocsp-unavailable");
    }

    @Test
    @DisplayName("X-04: a stale answer, one from the future, another request's nonce, HTTP 500, a timeout, garbage, an error status or an answer over 1 MB: refused with ocsp-unavailable (fail closed)")
    void unusableAnswers() {
        Instant now = Instant.now();
        unusable("ocE", p -> p.times(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));
        unusable("ocF", p -> p.times(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
        unusable("ocG", p -> p.times(now.minus(Duration.ofHours(2)), null));
        unusable("ocH", p -> p.nonce(OcspResponder.Nonce.WRONG));
        served("ocI", aResponse().withStatus(500));
        served("ocJ", aResponse().withStatus(200).withFixedDelay(3_000).withBody(new byte[] {1}));
        served("ocK", aResponse().withStatus(200).withBody("not an OCSP response".getBytes()));
        served("ocL", aResponse().withStatus(200).withBody(tryLater()));
        served("ocN", aResponse().withStatus(200).withBody(new byte[8 * 1024 * 1024])); // read up to 1 MB + 1 byte only

        DemoCertificateAuthority lightweight = withOcsp("ocM", KeyAlgorithm.SM2);
        fixture.answerOcsp("ocM", OcspResponder.Plan.by(lightweight).times(now.minusSeconds(60), null).nonce(OcspResponder.Nonce.NONE));
        assertThat(fixture.verify(cert(lightweight)).caName()).as("no nonce, no nextUpdate, but recent (RFC 5019)").isEqualTo("ocM");
    }

    void unusable(String name, java.util.function.UnaryOperator<OcspResponder.Plan> plan) {
        DemoCertificateAuthority ca = withOcsp(name, KeyAlgorithm.SM2);
        fixture.answerOcsp(name, plan.apply(OcspResponder.Plan.by(ca)));
        assertThat(fixture.refused(cert(ca), "ocsp-unavailable").getMessage()).contains(name);
    }

    void served(String name, ResponseDefinitionBuilder response) {
        DemoCertificateAuthority ca = withOcsp(name, KeyAlgorithm.SM2);
        fixture.server.stubFor(post(urlEqualTo("/ocsp/" + name)).willReturn(response));
        fixture.refused(cert(ca), "ocsp-unavailable");
    }

    static byte[] tryLater() {
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("CertIDs by SHA-256 (huren.certificates.ocsp.cert-id-hash) are answered as well")
    void sha256CertId() {
        DemoCertificateAuthority ca = withOcsp("ocP", KeyAlgorithm.EC);
        OcspResponder.Plan plan = OcspResponder.Plan.by(ca);
        fixture.answerOcsp("ocP", plan);
        X509Certificate revoked = cert(ca);
        plan.revoked().add(revoked.getSerialNumber());
        OcspClient sha256 = new OcspClient(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1), "SHA-256",
                java.time.Clock.systemUTC());
        RevocationSource source = new RevocationSource("ocP", "ocP", new ParsedCertificates().parse(encoded(ca.certificate())), null,
                fixture.ocspUrl("ocP"));

        OcspClient.Answer good = cn.huren.server.tenancy.TenantContext.callAs(tenants.byCode("ocsp1").orElseThrow(), () -> status(sha256, cert(ca), source));
        OcspClient.Answer bad = cn.huren.server.tenancy.TenantContext.callAs(tenants.byCode("ocsp1").orElseThrow(), () -> status(sha256, revoked, source));

        assertThat(good.status()).isEqualTo(OcspClient.Status.GOOD);
        assertThat(bad.status()).isEqualTo(OcspClient.Status.REVOKED);
    }

    static OcspClient.Answer status(OcspClient client, X509Certificate certificate, RevocationSource source) {
        try {
            return client.status(certificate, source);
        } catch (OcspClient.Unavailable e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("X-04: with both configured, OCSP decides and the CRL is not fetched; when the responder gives no usable answer the CRL decides")
    void ocspFirstCrlFallback() {
        DemoCertificateAuthority both = DemoCertificateAuthority.root("ocN", KeyAlgorithm.SM2);
        fixture.trust(both, "ocN", fixture.crlUrl("ocN"), fixture.ocspUrl("ocN"));
        fixture.answerOcsp("ocN", OcspResponder.Plan.by(both));
        assertThat(fixture.verify(cert(both)).caName()).isEqualTo("ocN");
        fixture.server.verify(0, getRequestedFor(urlEqualTo("/crl/ocN.crl")));

        DemoCertificateAuthority fallback = DemoCertificateAuthority.root("ocO", KeyAlgorithm.SM2);
        fixture.trust(fallback, "ocO", fixture.crlUrl("ocO"), fixture.ocspUrl("ocO"));
        fixture.server.stubFor(post(urlEqualTo("/ocsp/ocO")).willReturn(aResponse().withStatus(503)));
        X509Certificate good = cert(fallback);
        X509Certificate revoked = cert(fallback);
        fallback.revoke(revoked);
        fixture.serveCrl("ocO", fallback.crl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1))));
        assertThat(fixture.verify(good).caName()).isEqualTo("ocO");
        fixture.refused(revoked, "certificate-revoked");
    }

    @Test
    @DisplayName("X-04: an operator adds, changes and removes a CA's OCSP URL after upload (PATCH …/cas/{id}); bad input changes nothing; every change is logged")
    void ocspUrlChangedAfterUpload() {
        DemoCertificateAuthority ca = fixture.trust(DemoCertificateAuthority.root("ocQ", KeyAlgorithm.SM2), "ocQ", null, null);
        OcspResponder.Plan plan = OcspResponder.Plan.by(ca);
        fixture.answerOcsp("ocQ", plan);
        X509Certificate revoked = cert(ca);
        plan.revoked().add(revoked.getSerialNumber());
        assertThat(fixture.verify(revoked).caName()).as("no revocation source configured yet").isEqualTo("ocQ");

        cn.huren.server.HttpApi op = cn.huren.server.HttpApi.operator(port);
        long id = op.get("/api/platform/tenants/ocsp1/cas").json().findParents("name").stream()
                .filter(n -> n.get("name").asText().equals("ocQ")).findFirst().orElseThrow().get("id").asLong();
        cn.huren.server.HttpApi.Reply bad = op.patch("/api/platform/tenants/ocsp1/cas/" + id, Map.of("ocspUrl", "ftp://nowhere"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("ocspUrl");
        assertThat(op.patch("/api/platform/tenants/ocsp1/cas/999999", Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(fixture.verify(revoked).caName()).as("a refused change changed nothing").isEqualTo("ocQ");

        cn.huren.server.HttpApi.Reply changed = op.patch("/api/platform/tenants/ocsp1/cas/" + id,
                Map.of("ocspUrl", fixture.ocspUrl("ocQ"), "name", "ocQ 互认"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("ocspUrl").asText()).isEqualTo(fixture.ocspUrl("ocQ"));
        assertThat(changed.json().get("identity").get("source").asText()).as("absent fields stay").isEqualTo("SUBJECT_SERIAL");
        assertThat(fixture.refused(revoked, "certificate-revoked").getMessage()).contains("ocQ 互认");

        assertThat(op.patch("/api/platform/tenants/ocsp1/cas/" + id, Map.of("ocspUrl", "")).json().get("ocspUrl").isNull()).isTrue();
        assertThat(fixture.verify(revoked).caName()).isEqualTo("ocQ 互认");
        assertThat(op.get("/api/platform/operations?action=ca.change").body()).contains("ca=" + id);
    }
}
