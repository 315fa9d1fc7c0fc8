package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.CaConnector;
import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.DemoTenantsReady;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tenant's demo CA issues from CSRs; what it issues logs in to that tenant only. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCaEnrollmentTest {

    static final String USCC = "91350100M000100Y43";
    static final String PERSON = "11010519491231002X";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient sql;

    @Autowired
    List<CaConnector> connectors;

    @Autowired
    ApplicationEventPublisher events;

    @BeforeAll
    void tenantsWithDemoCas() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("dca1", "jiangsu", "dca1.localhost"));
        op.post("/api/platform/tenants", Tenants.body("dca2", "shanxi", "dca2.localhost"));
        assertThat(op.post("/api/platform/tenants/dca1/demo-ca", null).status()).isEqualTo(200);
        assertThat(op.post("/api/platform/tenants/dca2/demo-ca", null).status()).isEqualTo(200);
    }

    static X509Certificate parse(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", ""));
        return (X509Certificate) CertificateFactory.getInstance("X.509", DemoCaClient.BC).generateCertificate(new ByteArrayInputStream(der));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SM2", "RSA", "EC"})
    @DisplayName("JS-03, JS-12: a key enrolled with the tenant's demo CA (SM2, RSA, ECDSA P-256) logs in by challenge and signature, registers, and is then bound")
    void enrollThenLogIn(String algorithm) throws Exception {
        DemoCaClient holder = new DemoCaClient(port, algorithm);
        Reply enrolled = holder.enroll("dca1", "ENTERPRISE", DemoCaClient.uscc("91320100MA1000" + Map.of("SM2", "1", "RSA", "2", "EC", "3").get(algorithm) + "01"), "示例公司 " + algorithm);

        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        JsonNode body = enrolled.json();
        assertThat(body.get("chain")).hasSize(3);
        assertThat(body.get("ca").asText()).isEqualTo(algorithm.equals("SM2") ? "sm2" : "rsa");
        X509Certificate certificate = parse(body.get("certificate").asText());
        assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(holder.key.getPublic().getEncoded());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("示例公司 " + algorithm);
        assertThat(certificate.getExtensionValue(DemoCaIssuer.OID_USCC)).as("the USCC in the CA-private OID too").isNotNull();
        certificate.verify(parse(body.get("chain").get(1).asText()).getPublicKey(), DemoCaClient.BC);
        assertThat(certificate.getSerialNumber().toString(16).toUpperCase()).isEqualTo(body.get("serialNumber").asText());

        JsonNode login = holder.login("dca1").json();
        assertThat(login.get("status").asText()).isEqualTo("AUTHENTICATED");
        assertThat(login.get("next").asText()).isEqualTo("REGISTER");
        String token = login.get("token").asText();
        assertThat(holder.me("POST", "dca1", "/register", token).statusCode()).isEqualTo(201);

        JsonNode again = holder.login("dca1").json();
        assertThat(again.get("next").isNull()).as("the enrolled certificate is now the party's bound primary").isTrue();
    }

    @Test
    @DisplayName("JS-10: a person enrolls by resident ID number (personal or legal-representative profile) and logs in as a natural person")
    void person() throws Exception {
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        Reply enrolled = HttpApi.anonymous(port).post("/api/t/dca1/demo-ca/certificates",
                DemoCaClient.enrollment(holder.csr(holder.key.getPrivate()), "PERSON", "11010519491231002x", "张三", "LEGAL_REPRESENTATIVE"));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.json().get("profile").asText()).isEqualTo("LEGAL_REPRESENTATIVE");
        holder.certificate = enrolled.json().get("certificate").asText();
        assertThat(parse(holder.certificate).getExtensionValue(DemoCaIssuer.OID_ID_NUMBER)).isNotNull();

        JsonNode login = holder.login("dca1").json();
        assertThat(login.get("holderKind").asText()).isEqualTo("NATURAL_PERSON");
        assertThat(login.get("holderIdentifier").asText()).isEqualTo(PERSON);
    }

    @Autowired
    cn.huren.server.tenancy.TenantDirectory tenantDirectory;

    @Test
    @DisplayName("a request's reference makes a retry safe: the same CSR under it gets the certificate issued for it, not a second; "
            + "another key under it is refused (409 reference-reused); without a reference every call is a new certificate")
    void retriedRequestGetsTheSameCertificate() {
        CaConnector demo = connectors.stream().filter(c -> c.id().equals("demo")).findFirst().orElseThrow();
        cn.huren.plugin.api.TenantInfo tenant = tenantDirectory.require("dca1").info();
        DemoCaClient key = new DemoCaClient(port, "SM2");
        byte[] csr = der(key.csr(key.key.getPrivate()));
        var holder = new cn.huren.plugin.api.CertificateRequest.Holder(cn.huren.plugin.api.CertificateRequest.HolderKind.ENTERPRISE,
                USCC, "参考重试有限公司");
        var profile = cn.huren.plugin.api.CertificateRequest.Profile.ENTERPRISE;
        long before = issuedCount();

        var first = demo.issue(tenant, new cn.huren.plugin.api.CertificateRequest(csr, holder, profile, "certificate-application:9001"));
        var again = demo.issue(tenant, new cn.huren.plugin.api.CertificateRequest(csr, holder, profile, "certificate-application:9001"));
        assertThat(again.serialNumber()).isEqualTo(first.serialNumber());
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.chain()).hasSize(3);
        assertThat(issuedCount()).isEqualTo(before + 1);

        DemoCaClient other = new DemoCaClient(port, "SM2");
        assertThatThrownBy(() -> demo.issue(tenant, new cn.huren.plugin.api.CertificateRequest(der(other.csr(other.key.getPrivate())),
                holder, profile, "certificate-application:9001")))
                .isInstanceOfSatisfying(cn.huren.plugin.api.CaConnectorException.class, e -> assertThat(e.code()).isEqualTo("reference-reused"));
        var unreferenced = demo.issue(tenant, new cn.huren.plugin.api.CertificateRequest(csr, holder, profile));
        assertThat(unreferenced.serialNumber()).isNotEqualTo(first.serialNumber());
        assertThat(issuedCount()).isEqualTo(before + 2);
    }

    private long issuedCount() {
        return sql.sql("select count(*) from tenant_dca1.demo_ca_certificate").query(Long.class).single();
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) CERTIFICATE REQUEST-----", ""));
    }

    @Test
    @DisplayName("bad input: garbage or truncated CSR, no proof of possession, invalid USCC, wrong key algorithm or size, wrong profile: 400 problem+json, nothing issued")
    void badInput() {
        long before = issued();
        DemoCaClient sm2 = new DemoCaClient(port, "SM2");
        String good = sm2.csr(sm2.key.getPrivate());
        String truncated = good.substring(0, 120) + "\n-----END CERTIFICATE REQUEST-----\n";

        refused(DemoCaClient.enrollment("not a CSR at all ***", "ENTERPRISE", USCC, "x", null), "validation");
        refused(DemoCaClient.enrollment(truncated, "ENTERPRISE", USCC, "x", null), "csr-unreadable");
        refused(DemoCaClient.enrollment(sm2.csr(new DemoCaClient(port, "SM2").key.getPrivate()), "ENTERPRISE", USCC, "x", null),
                "csr-signature");
        Reply uscc = refused(DemoCaClient.enrollment(good, "ENTERPRISE", "91350100M000100Y44", "x", null), "holder-identifier");
        assertThat(uscc.json().get("detail").asText()).contains("CHECK_CHARACTER");
        refused(DemoCaClient.enrollment(good, "PERSON", "110105194913310021", "x", null), "holder-identifier");
        DemoCaClient p384 = new DemoCaClient(port, "EC:secp384r1");
        refused(DemoCaClient.enrollment(p384.csr(p384.key.getPrivate()), "ENTERPRISE", USCC, "x", null), "key-algorithm");
        DemoCaClient rsa1024 = new DemoCaClient(port, "RSA:1024");
        Reply small = refused(DemoCaClient.enrollment(rsa1024.csr(rsa1024.key.getPrivate()), "ENTERPRISE", USCC, "x", null), "key-algorithm");
        assertThat(small.json().get("detail").asText()).contains("1024");
        refused(DemoCaClient.enrollment(good, "ENTERPRISE", USCC, "x", "PERSONAL"), "profile");
        refused(DemoCaClient.enrollment(good, "COMPANY", USCC, "x", null), "validation");
        refused(DemoCaClient.enrollment(good, "ENTERPRISE", USCC, " ", null), "holder-name");
        Reply malformed = HttpApi.anonymous(port).post("/api/t/dca1/demo-ca/certificates", "{\"csr\": [");
        assertThat(malformed.status()).isEqualTo(400);

        assertThat(issued()).as("nothing issued").isEqualTo(before);
    }

    Reply refused(Map<String, Object> body, String kind) {
        Reply reply = HttpApi.anonymous(port).post("/api/t/dca1/demo-ca/certificates", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("urn:huren:problem:" + kind);
        return reply;
    }

    long issued() {
        return sql.sql("select count(*) from tenant_dca1.demo_ca_certificate").query(Long.class).single();
    }

    @Test
    @DisplayName("X-04, X-05: a certificate of dca1's demo CA cannot log in to dca2, whose own demo CA is a different one; dca1's CRL is not served on dca2's host")
    void crossTenant() {
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        assertThat(holder.enroll("dca1", "ENTERPRISE", USCC, "示例公司").status()).isEqualTo(201);

        Reply elsewhere = holder.login("dca2");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-untrusted");
        assertThat(holder.login("dca1").status()).isEqualTo(200);

        assertThat(HttpApi.anonymous(port).host("dca2.localhost").get("/demo-ca/dca1/sm2.crl").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).host("dca1.localhost").get("/demo-ca/dca1/sm2.crl").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the demo CA is trusted by its tenant like an uploaded CA: SM2 and RSA roots and issuing CAs, identity in the subject serial, CRL on this server; provisioning again changes nothing")
    void trustedAndIdempotent() {
        JsonNode cas = HttpApi.operator(port).get("/api/platform/tenants/dca1/cas").json();
        assertThat(cas).as("the core's four, and a root and issuing CA for each of the three CAs Jiangsu recognises").hasSize(10);
        cas.forEach(ca -> assertThat(ca.get("identity").get("source").asText())
                .isEqualTo(ca.get("name").asText().startsWith("Huren Demo") ? "SUBJECT_SERIAL" : "OID"));
        assertThat(cas.findValuesAsText("crlUrl")).contains("http://127.0.0.1:" + port + "/demo-ca/dca1/sm2.crl",
                "http://127.0.0.1:" + port + "/demo-ca/dca1/rsa.crl");

        JsonNode first = HttpApi.operator(port).get("/api/platform/tenants/dca1/demo-ca").json();
        JsonNode again = HttpApi.operator(port).post("/api/platform/tenants/dca1/demo-ca", null).json();
        assertThat(again.findValuesAsText("certificate")).isEqualTo(first.findValuesAsText("certificate"));
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/dca1/cas").json()).hasSize(10);

        String sealed = sql.sql("select private_key from tenant_dca1.demo_ca where name = 'sm2'").query(String.class).single();
        assertThat(sealed).as("the CA key is sealed by the master key").startsWith("enc:v1:");
        assertThat(connectors).extracting(CaConnector::id).containsExactly("demo");
    }

    @Test
    @DisplayName("the demo CA's endpoints: enrollment needs a tenant with a demo CA (404 otherwise), operator endpoints need an operator")
    void guarded() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("dca3", "jiangsu"));
        DemoCaClient holder = new DemoCaClient(port, "RSA");
        Reply none = holder.enroll("dca3", "ENTERPRISE", USCC, "x");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("type").asText()).isEqualTo("urn:huren:problem:demo-ca-missing");
        assertThat(HttpApi.anonymous(port).post("/api/platform/tenants/dca1/demo-ca/revocations", Map.of("serial", "01")).status())
                .as("refused before anything else (no operator credentials, no CSRF token)").isIn(401, 403);
        assertThat(HttpApi.anonymous(port).get("/api/platform/tenants/dca1/demo-ca").status()).isEqualTo(401);
        assertThat(HttpApi.anonymous(port).get("/demo-ca/nosuch/sm2.crl").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/demo-ca/dca1/nosuch.crl").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("in demo mode each demo tenant gets its demo CA when the demo tenants are ready (at every start; once)")
    void demoTenantsGetTheirCa() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("dca4", "neimenggu"));
        events.publishEvent(new DemoTenantsReady(List.of("dca4")));
        events.publishEvent(new DemoTenantsReady(List.of("dca4")));
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/dca4/demo-ca").json()).hasSize(4);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/dca4/cas").json()).hasSize(4);
    }
}
