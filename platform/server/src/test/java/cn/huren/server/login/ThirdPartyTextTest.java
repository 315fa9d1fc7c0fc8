package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.party.TestIdentifiers;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Text from a certificate (a third party's) is stored made storable, never refused by the database guard. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirdPartyTextTest {

    static final String TENANT = "tpt1";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    final DemoCertificateAuthority trusted = DemoCertificateAuthority.root("第三方文本 CA", KeyAlgorithm.SM2);

    @BeforeAll
    void setUp() {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", trusted);
    }

    @Test
    @DisplayName("a refused login with a certificate whose issuer name is over 1000 characters, a non-BMP character at the cut, is "
            + "logged with the issuer cut whole and answers the real refusal, not a 400")
    void longIssuerLogged() throws Exception {
        // the issuer as read (RFC 2253): "O=aaa…😀bbb…,CN=Stranger Root CA"; the emoji's high surrogate is its 1000th character
        DemoCertificateAuthority stranger = longNamedRoot("a".repeat(997) + "😀" + "b".repeat(40));
        assertThat(stranger.certificate().getSubjectX500Principal().getName().indexOf("😀")).isEqualTo(999);
        Issued holder = PartyClient.enterpriseCertificate(stranger, "陌生有限公司", TestIdentifiers.uscc("91320500MA1W3TP01"));
        JsonNode c = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges", Map.of("mode", "TOKEN")).json();
        Reply refused = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", HolderSignatures.sign(holder, c.get("message").asText())));
        assertThat(refused.status()).as(refused.body()).isBetween(401, 403);

        String serial = holder.certificate().getSerialNumber().toString(16).toUpperCase();
        List<String> logged = TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select issuer from login_log where serial = ? and outcome = 'REFUSED'").param(serial).query(String.class).list());
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).startsWith("O=aaa").hasSize(999).doesNotContain("😀");
    }

    /** A root CA whose organisation name is over the 64 characters X.509 suggests (builders refuse it; a stranger's CA need not). */
    static DemoCertificateAuthority longNamedRoot(String organisation) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        javax.security.auth.x500.X500Principal name = new javax.security.auth.x500.X500Principal("O=" + organisation + ",CN=Stranger Root CA");
        java.time.Instant now = java.time.Instant.now();
        org.bouncycastle.cert.X509v3CertificateBuilder builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
                java.math.BigInteger.valueOf(now.toEpochMilli()), java.util.Date.from(now.minusSeconds(86400)),
                java.util.Date.from(now.plusSeconds(86400 * 365)), name, pair.getPublic());
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true));
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true,
                new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign | org.bouncycastle.asn1.x509.KeyUsage.cRLSign));
        java.security.cert.X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return DemoCertificateAuthority.restore(KeyAlgorithm.EC, certificate, pair.getPrivate());
    }
}
