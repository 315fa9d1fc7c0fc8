package cn.huren.server.seal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Seals linked to certificates (SX-19, APP-55 display): kinds fit types, real PNGs only, the party's own sessions only. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealsTest {

    static final String TENANT = "cst3";

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("印章 SM2 CA", KeyAlgorithm.SM2);
    PartyClient client;

    @BeforeAll
    void setUp() {
        client = new PartyClient(port);
        PartyClient.tenantTrusting(port, TENANT, "shanxi", ca);
    }

    Issued certificate(String uscc) {
        return PartyClient.enterpriseCertificate(ca, "印章测试有限公司", uscc);
    }

    static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.drawOval(2, 2, width - 4, height - 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    HttpResponse<String> addSeal(String token, long certificate, String kind, String name, byte[] image) throws Exception {
        String boundary = "huren-seal-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"kind", kind}, {"name", name}}) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"seal.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me/certificates/" + certificate + "/seals"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> image(String token, long certificate, long seal) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT
                        + "/me/certificates/" + certificate + "/seals/" + seal + "/image")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String problem(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r).get("type").asText().replace("urn:huren:problem:", "");
    }

    @Test
    @DisplayName("SX-19, APP-55: the primary links a 公章 to an enterprise certificate and a 法人章 to the legal representative's; "
            + "kinds must fit types, one of each; the image is served as PNG to the party's sessions only; removal is logged")
    void linkedSeals() throws Exception {
        String uscc = RegisteredParties.uscc(921);
        List<String> tokens = client.enterprise(TENANT, certificate(uscc), certificate(uscc));
        String primary = tokens.get(0);
        String staff = tokens.get(1);
        JsonNode all = PartyClient.json(client.call("GET", TENANT, "/certificates", primary, null));
        long firstId = all.get(0).get("id").asLong();
        long secondId = all.get(1).get("id").asLong();
        assertThat(all.get(0).get("type").asText()).isEqualTo("ENTERPRISE");
        byte[] seal = png(200, 200);

        HttpResponse<String> company = addSeal(primary, firstId, "COMPANY", "印章测试有限公司公章", seal);
        assertThat(company.statusCode()).as(company.body()).isEqualTo(201);
        long companyId = PartyClient.json(company).get("id").asLong();
        assertThat(PartyClient.json(company).get("width").asInt()).isEqualTo(200);
        assertThat(problem(addSeal(primary, firstId, "COMPANY", "又一个", seal))).isEqualTo("seal-exists");
        assertThat(problem(addSeal(primary, secondId, "LEGAL_REPRESENTATIVE", "王五印", seal))).as("an enterprise certificate takes no 法人章")
                .isEqualTo("seal-kind");
        assertThat(addSeal(staff, secondId, "COMPANY", "x", seal).statusCode()).as("only the primary").isEqualTo(403);

        assertThat(client.call("PUT", TENANT, "/certificates/" + secondId + "/type", staff, Map.of("type", "LEGAL_REPRESENTATIVE")).statusCode())
                .isEqualTo(403);
        assertThat(client.call("PUT", TENANT, "/certificates/" + secondId + "/type", primary, Map.of("type", "PERSONAL")).statusCode())
                .isEqualTo(400);
        JsonNode legal = PartyClient.json(client.call("PUT", TENANT, "/certificates/" + secondId + "/type", primary,
                Map.of("type", "LEGAL_REPRESENTATIVE")));
        assertThat(legal.get("type").asText()).isEqualTo("LEGAL_REPRESENTATIVE");
        assertThat(addSeal(primary, secondId, "LEGAL_REPRESENTATIVE", "王五印", png(120, 60)).statusCode()).isEqualTo(201);
        assertThat(problem(client.call("PUT", TENANT, "/certificates/" + firstId + "/type", primary, Map.of("type", "LEGAL_REPRESENTATIVE"))))
                .as("the 公章 does not go with the new type").isEqualTo("seal-linked");

        HttpResponse<byte[]> served = image(staff, firstId, companyId);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.body()).isEqualTo(seal);
        String stranger = client.enterprise(TENANT, certificate(RegisteredParties.uscc(922))).get(0);
        assertThat(image(stranger, firstId, companyId).statusCode()).as("another party's session").isEqualTo(404);
        assertThat(image(null, firstId, companyId).statusCode()).isEqualTo(401);

        assertThat(client.call("DELETE", TENANT, "/certificates/" + firstId + "/seals/" + companyId, staff, null).statusCode()).isEqualTo(403);
        assertThat(client.call("DELETE", TENANT, "/certificates/" + firstId + "/seals/" + companyId, primary, null).statusCode()).isEqualTo(204);
        assertThat(image(primary, firstId, companyId).statusCode()).isEqualTo(404);
        assertThat(client.call("DELETE", TENANT, "/certificates/" + firstId + "/seals/" + companyId, primary, null).statusCode()).isEqualTo(404);
        JsonNode log = PartyClient.json(client.call("GET", TENANT, "/certificates/" + firstId + "/log", primary, null)).get("entries");
        assertThat(log.get(0).get("action").asText()).isEqualTo("SEAL_REMOVE");
        assertThat(log.get(1).get("action").asText()).isEqualTo("SEAL_ADD");
    }

    @Test
    @DisplayName("a seal image must be a real PNG of sane size: a renamed JPEG, a broken PNG, a huge or tiny one, a missing name "
            + "or kind are refused (problem+json 4xx) and nothing is stored")
    void badImages() throws Exception {
        String primary = client.enterprise(TENANT, certificate(RegisteredParties.uscc(923))).get(0);
        long id = PartyClient.json(client.call("GET", TENANT, "/certificates", primary, null)).get(0).get("id").asLong();
        byte[] good = png(100, 100);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);

        HttpResponse<String> renamed = addSeal(primary, id, "COMPANY", "公章", jpeg.toByteArray());
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(renamed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(addSeal(primary, id, "COMPANY", "公章", Arrays.copyOf(good, good.length / 2)).statusCode()).as("truncated").isEqualTo(400);
        assertThat(addSeal(primary, id, "COMPANY", "公章", png(1600, 100)).statusCode()).as("too wide").isEqualTo(400);
        assertThat(addSeal(primary, id, "COMPANY", "公章", png(8, 8)).statusCode()).as("too small").isEqualTo(400);
        assertThat(addSeal(primary, id, "COMPANY", "公章", new byte[600 * 1024]).statusCode()).isEqualTo(413);
        assertThat(addSeal(primary, id, "STAMP", "公章", good).statusCode()).isEqualTo(400);
        assertThat(addSeal(primary, id, "COMPANY", " ", good).statusCode()).isEqualTo(400);
        assertThat(addSeal(primary, 99999, "COMPANY", "公章", good).statusCode()).isEqualTo(404);
        assertThat(PartyClient.json(client.call("GET", TENANT, "/certificates/" + id + "/seals", primary, null))).isEmpty();
        assertThat(addSeal(primary, id, "COMPANY", "公章", good).statusCode()).isEqualTo(201);
    }
}
