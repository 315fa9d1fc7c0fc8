package cn.huren.server.captcha;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import cn.huren.server.HttpApi;
import cn.huren.server.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/** The captcha endpoint over HTTP, as an anonymous browser or the app calls it. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptchaEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    SessionRepository<? extends Session> sessions;

    @BeforeAll
    void tenant() {
        HttpApi.Reply onboarded = HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("cap1", "jiangsu"));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("anyone gets a captcha as a data URL; only its salted hash is kept in the shared JDBC session")
    void issue() throws Exception {
        HttpResponse<String> reply = HTTP.send(get("/api/t/cap1/captcha"), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(reply.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonNode body = JSON.readTree(reply.body());
        String image = body.path("image").asText();
        assertThat(image).startsWith("data:image/png;base64,");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.substring(image.indexOf(',') + 1))));
        assertThat(png.getWidth()).isEqualTo(CaptchaImages.WIDTH);
        assertThat(png.getHeight()).isEqualTo(CaptchaImages.HEIGHT);
        assertThat(body.path("expiresAt").asText()).isNotBlank();

        String cookie = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        String sessionId = new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length(), cookie.indexOf(';'))), StandardCharsets.UTF_8);
        Object kept = sessions.findById(sessionId).getAttribute(Captchas.key("cap1", body.path("id").asText()));
        assertThat(kept).isInstanceOf(Captchas.Pending.class);
    }

    @Test
    @DisplayName("an unknown tenant and a wrong method are answered as problem+json")
    void badInput() throws Exception {
        HttpResponse<String> unknown = HTTP.send(get("/api/t/nosuchtenant/captcha"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/t/cap1/captcha"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }

    @Test
    @DisplayName("the endpoint is in the OpenAPI document for the app")
    void documented() {
        JsonNode docs = HttpApi.anonymous(port).get("/v3/api-docs").json();
        assertThat(docs.get("paths").has("/api/t/{tenant}/captcha")).isTrue();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "application/json").GET().build();
    }
}
