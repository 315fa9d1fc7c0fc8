package cn.huren.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against a WireMock Huren whose demo CA really certifies the CSR's key; signatures checked with Bouncy Castle. */
class CommandsTest {

    static final String CHALLENGE = "0b6f3c1e-4a57-4d4e-9a57-6f7a0c9d2e11";
    static final String NONCE = "Qm9ndXNOb25jZV9fX19fX19fX19fX19f";
    static final TestCa CA = new TestCa(Signatures.Kind.SM2);

    /** Plays the demo CA: certifies the key in the request's CSR. */
    static final class Enrollment implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                JsonNode body = HurenClient.JSON.readTree(event.getRequest().getBodyAsString());
                String csr = body.get("csr").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                var key = new JcaPEMKeyConverter().setProvider(Signatures.BC)
                        .getPublicKey(new PKCS10CertificationRequest(Base64.getDecoder().decode(csr)).getSubjectPublicKeyInfo());
                X509Certificate issued = CA.issue("CN=" + body.get("name").asText() + ",SERIALNUMBER=" + body.get("identifier").asText(), key);
                return ResponseDefinitionBuilder.like(event.getResponseDefinition()).withBody(HurenClient.JSON.writeValueAsString(Map.of(
                        "serialNumber", issued.getSerialNumber().toString(16).toUpperCase(), "certificate", TestCa.pem(issued),
                        "chain", List.of(TestCa.pem(issued), TestCa.pem(CA.root))))).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getName() {
            return "demo-ca";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    @TempDir
    Path dir;

    WireMockServer huren = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Enrollment()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        huren.start();
        huren.stubFor(post(urlEqualTo("/api/t/js/demo-ca/certificates"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withTransformers("demo-ca")));
        huren.stubFor(post(urlEqualTo("/api/t/js/login/challenges")).willReturn(json(201, Map.of("id", CHALLENGE, "nonce", NONCE,
                "expiresAt", "2030-01-01T00:00:00Z", "message", "huren-login:js:" + CHALLENGE + ":" + NONCE))));
        huren.stubFor(post(urlEqualTo("/api/t/js/login/challenges/" + CHALLENGE + "/scan"))
                .willReturn(json(200, Map.of("id", CHALLENGE, "state", "SCANNED"))));
        huren.stubFor(post(urlPathMatching("/api/t/js/login/challenges/.*/response"))
                .willReturn(json(200, Map.of("status", "AUTHENTICATED", "token", "t0k3n", "next", "REGISTER"))));
    }

    @AfterEach
    void stop() {
        huren.stop();
    }

    static ResponseDefinitionBuilder json(int status, Object body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(HurenClient.JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return DeviceSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String enrolled() {
        String p12 = dir.resolve("key.p12").toString();
        assertThat(run("enroll", "--server", huren.baseUrl(), "--tenant", "js", "--kind", "ENTERPRISE", "--id", "91350100M000100Y43",
                "--name", "示例公司", "--alg", "SM2", "--p12", p12, "--pin", "123456")).as(err.toString()).isZero();
        return p12;
    }

    /** The signature the CLI posted verifies over {@code message} with the certificate it posted. */
    void postedSignatureVerifies(String message) throws Exception {
        JsonNode posted = HurenClient.JSON.readTree(huren.findAll(postRequestedFor(urlPathMatching(".*/response"))).get(0).getBodyAsString());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", Signatures.BC)
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(posted.get("certificate").asText())));
        assertThat(Signatures.verify(certificate.getPublicKey(), message.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(posted.get("signature").asText()))).isTrue();
        assertThat(posted.get("mediumId").asText()).startsWith("HUREN-SIM-");
    }

    @Test
    @DisplayName("JS-12: enroll stores key and chain in PKCS#12; login signs the challenge's message and prints the result")
    void enrollAndLogin() throws Exception {
        String p12 = enrolled();
        assertThat(out.toString()).contains("enrolled: serial", "SERIALNUMBER=91350100M000100Y43", "SM2");
        assertThat(Medium.open(Path.of(p12), "123456".toCharArray()).chain()).hasSize(2);
        assertThat(run("enroll", "--server", huren.baseUrl(), "--tenant", "js", "--kind", "ENTERPRISE", "--id", "x", "--name", "x",
                "--p12", p12, "--pin", "1")).as("an existing file is not overwritten").isEqualTo(2);

        assertThat(run("login", "--server", huren.baseUrl(), "--tenant", "js", "--p12", p12, "--pin", "123456")).as(err.toString()).isZero();

        assertThat(HurenClient.JSON.readTree(out.toString()).get("next").asText()).isEqualTo("REGISTER");
        huren.verify(postRequestedFor(urlEqualTo("/api/t/js/login/challenges")).withRequestBody(equalTo("{\"mode\":\"TOKEN\"}")));
        postedSignatureVerifies("huren-login:js:" + CHALLENGE + ":" + NONCE);
    }

    @Test
    @DisplayName("JS-11, JS-76: scan marks the QR challenge scanned, then signs huren-login:{tenant}:{challenge}:{nonce} with a stable medium id")
    void scan() throws Exception {
        String p12 = enrolled();
        String payload = "huren://login?server=" + URLEncoder.encode(huren.baseUrl(), StandardCharsets.UTF_8) + "&tenant=js&challenge="
                + CHALLENGE + "&nonce=" + NONCE;

        assertThat(run("scan", "--payload", payload, "--p12", p12, "--pin", "123456", "--confirm-delay", "0")).as(err.toString()).isZero();

        assertThat(err.toString()).contains("is SCANNED");
        assertThat(HurenClient.JSON.readTree(out.toString()).get("status").asText()).isEqualTo("AUTHENTICATED");
        huren.verify(1, postRequestedFor(urlEqualTo("/api/t/js/login/challenges/" + CHALLENGE + "/scan")));
        postedSignatureVerifies("huren-login:js:" + CHALLENGE + ":" + NONCE);
    }

    @Test
    @DisplayName("a tampered QR payload is reported and nothing is sent; the server's refusal (wrong nonce) is printed with its reason")
    void refusals() throws Exception {
        String p12 = enrolled();
        assertThat(run("scan", "--payload", "huren://login?server=http%3A%2F%2Fevil&tenant=js&challenge=1&nonce=" + NONCE, "--p12", p12,
                "--pin", "123456")).isEqualTo(2);
        assertThat(err.toString()).contains("challenge is not a challenge id");
        huren.verify(0, postRequestedFor(urlPathMatching(".*/scan")));

        huren.stubFor(post(urlPathMatching("/api/t/js/login/challenges/.*/response")).willReturn(json(401, Map.of(
                "type", "urn:huren:problem:signature-invalid", "detail", "the signature does not verify"))));
        String payload = "huren://login?server=" + URLEncoder.encode(huren.baseUrl(), StandardCharsets.UTF_8) + "&tenant=js&challenge="
                + CHALLENGE + "&nonce=WrongNonceWrongNonce";
        assertThat(run("scan", "--payload", payload, "--p12", p12, "--pin", "123456")).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401 signature-invalid: the signature does not verify");

        assertThat(run("login", "--server", huren.baseUrl(), "--tenant", "js", "--p12", p12, "--pin", "wrong")).isEqualTo(2);
        assertThat(err.toString()).contains("wrong PIN");
        assertThat(run("login", "--tenant", "js")).isEqualTo(2);
        assertThat(run("fly")).isEqualTo(2);
    }

    @Test
    @DisplayName("a portal named js.localhost is reached on the loopback address with its name as Host, as browsers and curl do")
    void localhostPortal() throws Exception {
        String p12 = enrolled();
        String portal = "js.localhost:" + huren.port();

        assertThat(run("login", "--server", "http://" + portal, "--tenant", "js", "--p12", p12, "--pin", "123456")).as(err.toString()).isZero();

        huren.verify(postRequestedFor(urlEqualTo("/api/t/js/login/challenges")).withHeader("Host", equalTo(portal)));
        huren.verify(postRequestedFor(urlPathMatching(".*/response")).withHeader("Host", equalTo(portal)));
    }

    @Test
    @DisplayName("SX-16, APP-11: apply keeps a new key (with a stand-in certificate) and posts its CSR with the bearer token; download "
            + "signs huren-download:{tenant}:{id} with that key and stores the CA's chain with it")
    void applyAndDownload() throws Exception {
        huren.stubFor(post(urlEqualTo("/api/t/js/me/certificate-applications")).withHeader("Authorization", equalTo("Bearer t0k3n"))
                .willReturn(json(201, Map.of("id", 7, "state", "IN_REVIEW"))));
        String p12 = dir.resolve("pending.p12").toString();

        assertThat(run("apply", "--server", huren.baseUrl(), "--tenant", "js", "--token", "t0k3n", "--holder", "张经办", "--kind", "RENEW",
                "--replaces", "3", "--p12", p12, "--pin", "123456")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("application 7 (IN_REVIEW)", "download --application 7");
        JsonNode applied = HurenClient.JSON.readTree(huren.findAll(postRequestedFor(urlEqualTo("/api/t/js/me/certificate-applications")))
                .get(0).getBodyAsString());
        assertThat(applied.get("kind").asText()).isEqualTo("RENEW");
        assertThat(applied.get("replaces").asInt()).isEqualTo(3);
        Medium pending = Medium.open(Path.of(p12), "123456".toCharArray());
        var posted = new JcaPEMKeyConverter().setProvider(Signatures.BC).getPublicKey(new PKCS10CertificationRequest(Base64.getDecoder()
                .decode(applied.get("csr").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))).getSubjectPublicKeyInfo());
        assertThat(posted.getEncoded()).isEqualTo(pending.certificate().getPublicKey().getEncoded());

        X509Certificate issued = CA.issue("CN=示例公司,SERIALNUMBER=91350100M000100Y43", pending.certificate().getPublicKey());
        huren.stubFor(post(urlEqualTo("/api/t/js/certificate-applications/7/download")).willReturn(json(200, Map.of("applicationId", 7,
                "serialNumber", "ABC", "bindingId", 12, "certificate", TestCa.pem(issued), "chain", List.of(TestCa.pem(issued), TestCa.pem(CA.root))))));
        assertThat(run("download", "--server", huren.baseUrl(), "--tenant", "js", "--application", "7", "--p12", p12, "--pin", "123456"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("certificate 12", "SERIALNUMBER=91350100M000100Y43");
        JsonNode signed = HurenClient.JSON.readTree(huren.findAll(postRequestedFor(urlEqualTo("/api/t/js/certificate-applications/7/download")))
                .get(0).getBodyAsString());
        assertThat(Signatures.verify(issued.getPublicKey(), "huren-download:js:7".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(signed.get("signature").asText()))).isTrue();
        assertThat(Medium.open(Path.of(p12), "123456".toCharArray()).chain()).hasSize(2);
    }

    @Test
    @DisplayName("sign-document writes a detached CMS signature of the file; info shows the certificate and medium id")
    void signDocumentAndInfo() throws Exception {
        String p12 = enrolled();
        Path letter = Files.writeString(dir.resolve("letter.txt"), "承诺书");
        Path p7s = dir.resolve("letter.p7s");

        assertThat(run("sign-document", "--file", letter.toString(), "--out", p7s.toString(), "--p12", p12, "--pin", "123456")).isZero();
        assertThat(new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(p7s)).getSignerInfos().size()).isEqualTo(1);

        assertThat(run("info", "--p12", p12, "--pin", "123456")).isZero();
        assertThat(out.toString()).contains("medium id: HUREN-SIM-", "SM3withSM2");
    }
}
