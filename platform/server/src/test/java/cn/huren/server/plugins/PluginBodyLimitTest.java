package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bodies sent to a plugin's endpoints and pages have a limit: 413 problem+json past it, declared or streamed. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginBodyLimitTest {

    static final String T = "pblt";

    @LocalServerPort
    int port;

    @BeforeAll
    void setUp() {
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(T, "neimenggu")).status()).isEqualTo(201);
    }

    /** A JSON body of about {@code size} bytes: one long value of the field. */
    static byte[] json(String field, int size) {
        return ("{\"" + field + "\":\"" + "A".repeat(size) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    HttpResponse<String> send(String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void tooLarge(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("urn:huren:problem:payload-too-large");
    }

    @Test
    @DisplayName("a plugin endpoint refuses a body over 512 KB with 413, by its Content-Length or while it streams without one; smaller bodies pass")
    void endpointBodies() throws Exception {
        String seal = "/api/t/" + T + "/plugins/neimenggu/me/documents/pledge/seal";
        tooLarge(send(seal, "application/json", HttpRequest.BodyPublishers.ofByteArray(json("signature", 600 * 1024))));
        // no Content-Length (chunked): refused once more than the limit is read (an endpoint open to anyone reads it)
        String unbinding = "/api/t/" + T + "/plugins/neimenggu/unbinding/code";
        tooLarge(send(unbinding, "application/json", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(json("residentId", 600 * 1024)))));

        HttpResponse<String> small = send(unbinding, "application/json", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(json("residentId", 100 * 1024))));
        assertThat(small.statusCode()).as(small.body()).isNotEqualTo(413).isLessThan(500); // read whole, then the plugin's answer
    }

    @Test
    @DisplayName("a plugin page refuses a form over the limit with 413 before anything else (login, CSRF)")
    void pageBodies() throws Exception {
        tooLarge(send("/t/" + T + "/p/neimenggu/unit-info", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("action=seal&signature=" + "A".repeat(600 * 1024))));
    }
}
