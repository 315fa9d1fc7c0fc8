package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CA mutual recognition as Jiangsu presents it: the demo stands in for 江苏数科CA, 国信CA and CFCA,
 * each a demo CA of its own writing the identifier into its own OID; certificates of two of them log
 * in, a certificate of a CA Jiangsu does not recognise is refused naming the recognised ones.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JiangsuMutualRecognitionTest {

    @LocalServerPort
    int port;

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("jsmr", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("sxmr", "shanxi"));
        assertThat(op.post("/api/platform/tenants/jsmr/demo-ca", null).status()).isEqualTo(200);
        assertThat(op.post("/api/platform/tenants/sxmr/demo-ca", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("JS-03, JS-12: certificates of two recognised CAs (江苏数科CA by SM2, CFCA by RSA), each with the identifier only in its own OID, log in and register")
    void twoCasRecognised() throws Exception {
        DemoCaClient jssk = new DemoCaClient(port, "SM2");
        DemoCaClient cfca = new DemoCaClient(port, "RSA");
        String usccA = DemoCaClient.uscc("91320100MA1MR0001");
        String usccB = DemoCaClient.uscc("91320500MA1MR0002");

        JsonNode a = enroll(jssk, "jssk", usccA, "南京互认甲公司");
        JsonNode b = enroll(cfca, "cfca", usccB, "苏州互认乙公司");

        X509Certificate certA = DemoCaEnrollmentTest.parse(a.get("certificate").asText());
        assertThat(certA.getExtensionValue("1.2.156.10260.4.1.1")).as("江苏数科CA's OID").isNotNull();
        assertThat(certA.getSubjectX500Principal().getName()).doesNotContain(usccA);
        X509Certificate certB = DemoCaEnrollmentTest.parse(b.get("certificate").asText());
        assertThat(certB.getExtensionValue("1.2.156.112562.2.1.1.1")).as("CFCA's OID").isNotNull();
        for (DemoCaClient holder : new DemoCaClient[] {jssk, cfca}) {
            JsonNode login = holder.login("jsmr").json();
            assertThat(login.get("status").asText()).isEqualTo("AUTHENTICATED");
            assertThat(login.get("next").asText()).isEqualTo("REGISTER");
            assertThat(holder.me("POST", "jsmr", "/register", login.get("token").asText()).statusCode()).isEqualTo(201);
        }
        assertThat(jssk.login("jsmr").json().get("holderIdentifier").asText()).isEqualTo(usccA);
        assertThat(cfca.login("jsmr").json().get("holderIdentifier").asText()).isEqualTo(usccB);
    }

    @Test
    @DisplayName("JS-03: a certificate of a CA Jiangsu does not recognise is refused, naming the CAs that are recognised")
    void thirdCaRefused() throws Exception {
        DemoCertificateAuthority foreign = DemoCertificateAuthority.root("某省外CA", KeyAlgorithm.SM2);
        DemoCertificateAuthority.Issued holder = foreign.issue(Subject.of("外省公司", DemoCaClient.uscc("91110000MA1MR0003"),
                Map.of("1.2.156.10260.4.1.1", DemoCaClient.uscc("91110000MA1MR0003"))));
        JsonNode c = HttpApi.anonymous(port).post("/api/t/jsmr/login/challenges", Map.of("mode", "TOKEN")).json();

        Reply refused = HttpApi.anonymous(port).post("/api/t/jsmr/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", cn.huren.server.certificate.HolderSignatures.sign(holder, c.get("message").asText())));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-untrusted");
        assertThat(refused.json().get("detail").asText()).contains("recognised", "江苏数科CA", "国信CA", "CFCA");
        assertThat(HttpApi.anonymous(port).browser().get("/t/jsmr/login/ukey").body()).as("the USB-key page says it in Chinese")
                .contains("本平台认可的 CA：", "江苏数科CA", "国信CA", "CFCA");
    }

    @Test
    @DisplayName("JS-17, JS-18, JS-19, JS-74, JS-78: a renewed certificate of a registered party (another recognised CA) opens activation; once activated it logs in, the first certificate stays primary")
    void renewedCertificateIsActivated() throws Exception {
        String uscc = DemoCaClient.uscc("91320200MA1MR0006");
        DemoCaClient first = new DemoCaClient(port, "SM2");
        enroll(first, "gxca", uscc, "无锡续期丙公司");
        JsonNode login = first.login("jsmr").json();
        assertThat(first.me("POST", "jsmr", "/register", login.get("token").asText()).statusCode()).isEqualTo(201);

        DemoCaClient renewed = new DemoCaClient(port, "RSA");
        JsonNode enrolled = enroll(renewed, "cfca", uscc, "无锡续期丙公司");
        JsonNode renewedLogin = renewed.login("jsmr").json();
        assertThat(renewedLogin.get("next").asText()).isEqualTo("ACTIVATE");
        String token = renewedLogin.get("token").asText();

        java.net.http.HttpResponse<String> activated = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/t/jsmr/me/activation"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"holderName\":\"王经办\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(201);
        assertThat(activated.body()).contains("\"primary\":false");
        JsonNode again = renewed.login("jsmr").json();
        assertThat(again.get("next").isNull()).as("activated: straight in").isTrue();
        assertThat(again.get("certificateSerial").asText()).isEqualTo(enrolled.get("serialNumber").asText());
    }

    @Test
    @DisplayName("JS-03: the recognised CAs come from the tenant's plugin: a Shanxi tenant has none of Jiangsu's; a preset's key algorithm is checked")
    void presetsBelongToJiangsu() {
        JsonNode sx = HttpApi.operator(port).get("/api/platform/tenants/sxmr/cas").json();
        assertThat(sx.findValuesAsText("name")).noneMatch(n -> n.contains("CFCA") || n.contains("江苏数科CA"));
        Reply noSuchCa = HttpApi.anonymous(port).post("/api/t/sxmr/demo-ca/certificates", Map.of("csr",
                new DemoCaClient(port, "RSA").csr(new DemoCaClient(port, "RSA").key.getPrivate()), "kind", "ENTERPRISE",
                "identifier", DemoCaClient.uscc("91140100MA1MR0004"), "name", "x", "ca", "cfca"));
        assertThat(noSuchCa.status()).isEqualTo(400);
        DemoCaClient sm2 = new DemoCaClient(port, "SM2");
        Reply wrongKey = HttpApi.anonymous(port).post("/api/t/jsmr/demo-ca/certificates", DemoCaClient.enrollmentWithCa(
                sm2.csr(sm2.key.getPrivate()), DemoCaClient.uscc("91320100MA1MR0005"), "x", "cfca"));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("RSA");
    }

    private JsonNode enroll(DemoCaClient holder, String ca, String uscc, String name) {
        Reply reply = HttpApi.anonymous(port).post("/api/t/jsmr/demo-ca/certificates",
                DemoCaClient.enrollmentWithCa(holder.csr(holder.key.getPrivate()), uscc, name, ca));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        holder.certificate = reply.json().get("certificate").asText();
        return reply.json();
    }

}
