package cn.huren.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The local signer as the login page's JavaScript calls it: from another origin, over HTTP on 127.0.0.1. */
class LocalSignerTest {

    static final String PAGE = "http://js.localhost:8080";

    Medium medium = new TestCa(Signatures.Kind.SM2).medium(Signatures.Kind.SM2);
    LocalSigner signer;
    int port;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        signer = new LocalSigner(medium, "123456".toCharArray(), 0);
        port = signer.start();
    }

    @AfterEach
    void stop() {
        signer.stop();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Origin", PAGE)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("JS-12, JS-74: GET /certificate gives the certificate (base64 DER) and medium id; POST /sign with the PIN signs the message")
    void certificateAndSignature() throws Exception {
        JsonNode certificate = HurenClient.JSON.readTree(send("GET", "/certificate", null).body());
        assertThat(certificate.get("certificate").asText()).isEqualTo(medium.certificateBase64());
        assertThat(certificate.get("mediumId").asText()).isEqualTo(medium.mediumId());

        String message = "huren-login:js:0b6f3c1e-4a57-4d4e-9a57-6f7a0c9d2e11:nonce";
        HttpResponse<String> signed = send("POST", "/sign", "{\"message\":\"" + message + "\",\"pin\":\"123456\"}");

        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        JsonNode body = HurenClient.JSON.readTree(signed.body());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509", Signatures.BC)
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(body.get("certificate").asText())));
        assertThat(Signatures.verify(cert.getPublicKey(), message.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(body.get("signature").asText()))).isTrue();
        assertThat(body.get("mediumId").asText()).isEqualTo(medium.mediumId());
    }

    @Test
    @DisplayName("a wrong PIN is 401 {\"error\":\"pin\"} and signs nothing; a malformed request is 400")
    void wrongPin() throws Exception {
        HttpResponse<String> refused = send("POST", "/sign", "{\"message\":\"m\",\"pin\":\"000000\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(HurenClient.JSON.readTree(refused.body()).get("error").asText()).isEqualTo("pin");
        assertThat(refused.body()).doesNotContain("signature");
        assertThat(send("POST", "/sign", "{\"message\": 1").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/sign", "{\"message\":\"m\"}").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/keys", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a browser's CORS preflight from the portal is answered, Private Network Access included; the signer listens on the loopback address only")
    void preflight() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .header("Access-Control-Request-Private-Network", "true").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Private-Network")).hasValue("true");
        assertThat(signer.address().getAddress().isLoopbackAddress()).isTrue();
    }
}
