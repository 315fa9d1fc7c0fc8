package cn.huren.server.plugins.neimenggu;

import static cn.huren.server.plugins.neimenggu.NmgPageBrowser.csrf;
import static cn.huren.server.plugins.neimenggu.NmgPageBrowser.find;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 电子件管理 (NMG-09) in a tenant that requires the ID card's photo side: through {@code me/electronic-documents} and through the
 * page {@code {base}/p/neimenggu/documents} (path mode), and what registry intake's 提交信息 makes of it (NMG-10).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguDocumentsTest {

    static final String T = "nmgd";
    static final String BASE = "/t/" + T;
    static final String PLUGIN = "/api/t/" + T + "/plugins/neimenggu";
    static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body(T, "neimenggu"), "config",
                Map.of("regionCode", "150100", "intakeRequiredDocuments", "ID_CARD_FRONT"))).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("NMG-10, NMG-09: 提交信息 lists the missing ID card (linked to 电子件管理); after uploading it through me/electronic-documents and 修改信息 it answers 验证通过")
    void missingIdCardThenUploadThenValidated() throws Exception {
        Person p = boundPerson();
        Reply incomplete = p.send("POST", PLUGIN + "/me/registry/submission", null);
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
        assertThat(incomplete.json().findValuesAsText("field")).containsExactly("fields.address", "documents.ID_CARD_FRONT");
        assertThat(incomplete.body()).contains("ID card, photo side");
        JsonNode missing = p.send("GET", PLUGIN + "/me/registry", null).json().get("missing");
        assertThat(missing.findValuesAsText("link")).contains("/p/neimenggu/documents");

        Reply wrongKind = p.upload("PASSPORT", "id.png", "image/png", PNG);
        assertThat(wrongKind.status()).as(wrongKind.body()).isEqualTo(400);
        assertThat(wrongKind.json().get("type").asText()).endsWith("document-category");
        Reply notAnImage = p.upload("ID_CARD_FRONT", "id.png", "image/png", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.status()).isEqualTo(415);
        Reply back = p.upload("ID_CARD_BACK", "背面.pdf", "application/pdf", PDF);
        assertThat(back.status()).as(back.body()).isEqualTo(201);
        assertThat(p.send("POST", PLUGIN + "/me/registry/submission", null).json().findValuesAsText("field"))
                .as("the other side does not count").contains("documents.ID_CARD_FRONT");

        Reply front = p.upload("ID_CARD_FRONT", "人像面.png", "image/png", PNG);
        assertThat(front.status()).as(front.body()).isEqualTo(201);
        assertThat(front.json().get("category").asText()).isEqualTo("ID_CARD_FRONT");
        JsonNode listed = p.send("GET", PLUGIN + "/me/electronic-documents", null).json();
        assertThat(listed.get("documents").findValuesAsText("category")).containsExactly("ID_CARD_BACK", "ID_CARD_FRONT");
        assertThat(listed.get("categories").toString()).contains("ID_CARD_FRONT", "QUALIFICATION");

        Reply saved = p.send("PUT", "/api/t/" + T + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市赛罕区示例路 2 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Reply passed = p.send("POST", PLUGIN + "/me/registry/submission", null);
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        assertThat(passed.json().get("status").asText()).isEqualTo("验证通过");
    }

    @Test
    @DisplayName("NMG-09: a 3 MB scan is taken; a document is removed by its owner only (another person's is 404); before the CA binding me/electronic-documents is 409 intake-order")
    void removeOwnOnly() throws Exception {
        Person owner = boundPerson();
        Person other = boundPerson();
        byte[] scan = new byte[3 * 1024 * 1024];
        System.arraycopy(PDF, 0, scan, 0, PDF.length);
        Reply large = owner.upload("QUALIFICATION", "证书.pdf", "application/pdf", scan);
        assertThat(large.status()).as("a phone-sized scan (3 MB) is taken: " + large.body()).isEqualTo(201);
        String id = large.json().get("id").asText();
        assertThat(other.send("DELETE", PLUGIN + "/me/electronic-documents/" + id, null).status()).isEqualTo(404);
        assertThat(owner.send("GET", PLUGIN + "/me/electronic-documents", null).json().get("documents").findValuesAsText("id")).containsExactly(id);
        assertThat(owner.send("DELETE", PLUGIN + "/me/electronic-documents/" + id, null).status()).isEqualTo(204);
        assertThat(owner.send("GET", PLUGIN + "/me/electronic-documents", null).json().get("documents")).isEmpty();
        assertThat(owner.send("DELETE", PLUGIN + "/me/electronic-documents/" + id, null).status()).isEqualTo(404);

        Person unbound = person();
        Reply early = unbound.send("GET", PLUGIN + "/me/electronic-documents", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("type").asText()).endsWith("intake-order");
    }

    @Test
    @DisplayName("NMG-09: the 电子件管理 page — reached from 自治区主体信息库, upload with a category (refusals next to the field), listed, removed")
    void page() throws Exception {
        Person p = boundPerson();
        NmgPageBrowser browser = new NmgPageBrowser(port, T);
        browser.signIn(p.key, "TEST-MEDIUM-D");

        String registry = browser.get(BASE + "/p/neimenggu/registry").body();
        assertThat(registry).contains("href=\"" + BASE + "/p/neimenggu/documents\"");
        HttpResponse<String> empty = browser.get(BASE + "/p/neimenggu/documents");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(empty.body()).contains("电子件管理", "id=\"no-documents\"", "身份证人像面", "enctype=\"multipart/form-data\"");

        HttpResponse<String> noCategory = browser.multipart(BASE + "/p/neimenggu/documents", "", "id.png", "image/png", PNG, csrf(empty.body()));
        assertThat(noCategory.statusCode()).isEqualTo(200);
        assertThat(noCategory.body()).contains("id=\"category-error\"");
        HttpResponse<String> notAnImage = browser.multipart(BASE + "/p/neimenggu/documents", "ID_CARD_FRONT", "id.png", "image/png",
                "hello".getBytes(StandardCharsets.UTF_8), csrf(noCategory.body()));
        assertThat(notAnImage.statusCode()).isEqualTo(200);
        assertThat(notAnImage.body()).contains("id=\"file-error\"", "id=\"no-documents\"");

        HttpResponse<String> uploaded = browser.multipart(BASE + "/p/neimenggu/documents", "ID_CARD_FRONT", "人像面.png", "image/png", PNG,
                csrf(notAnImage.body()));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        assertThat(uploaded.headers().firstValue("Location").orElseThrow()).contains(BASE + "/p/neimenggu/documents");
        String listed = browser.get(BASE + "/p/neimenggu/documents?done=uploaded").body();
        assertThat(listed).contains("id=\"done\"", "人像面.png", "data-category=\"ID_CARD_FRONT\"", "12 B");
        String id = find(listed, "id=\"document-([0-9a-f-]{36})\"");

        HttpResponse<String> removed = browser.post(BASE + "/p/neimenggu/documents/" + id + "/removal", Map.of("_csrf", csrf(listed)));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(302);
        assertThat(browser.get(BASE + "/p/neimenggu/documents").body()).contains("id=\"no-documents\"").doesNotContain("人像面.png");
    }

    // --- fixtures

    private Person boundPerson() throws Exception {
        Person p = person();
        SentCodes sent = new SentCodes(sms, T);
        Reply code = p.send("POST", PLUGIN + "/me/binding/code", Map.of("mobile", p.mobile));
        assertThat(code.status()).as(p.mobile + " " + code.body()).isEqualTo(202);
        Reply bound = p.send("POST", PLUGIN + "/me/binding", Map.of("mobile", p.mobile, "code", sent.next(p.mobile), "email", p.email));
        assertThat(bound.status()).as(bound.body()).isEqualTo(201);
        return p.login();
    }

    private Person person() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int n = SEQ.incrementAndGet();
            DemoCaClient holder = new DemoCaClient(port, "SM2");
            String name = "电示例" + n;
            assertThat(holder.enroll(T, "PERSON", residentId(n), name).status()).isEqualTo(201);
            Person p = new Person(holder, holder.login(T).json().get("token").asText(), name, "137%08d".formatted(50000000 + n));
            // an 18-character ID that is also a valid USCC reads as an enterprise's certificate: take the next number
            if (!p.send("GET", PLUGIN + "/me/binding", null).json().get("status").asText().equals("NOT_NATURAL_PERSON")) {
                return p;
            }
        }
        throw new AssertionError("no natural person's certificate");
    }

    private static String residentId(int n) {
        String base = "150105198504%02d%03d".formatted(1 + n % 28, n % 1000);
        return DemoCaClient.residentId(base);
    }

    record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    /** A certificate holder's bearer session. */
    final class Person {
        final DemoCaClient key;
        final String token;
        final String name;
        final String mobile;
        final String email;

        Person(DemoCaClient key, String token, String name, String mobile) {
            this.key = key;
            this.token = token;
            this.name = name;
            this.mobile = mobile;
            this.email = "d" + mobile + "@example.com";
        }

        Person login() {
            return new Person(key, key.login(T).json().get("token").asText(), name, mobile);
        }

        Reply upload(String category, String fileName, String contentType, byte[] content) throws Exception {
            String boundary = "nmgdocs" + SEQ.incrementAndGet();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PLUGIN + "/me/electronic-documents"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(NmgPageBrowser.multipartBody(boundary, Map.of("category", category), fileName, contentType, content)))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }

        Reply send(String method, String path, Object body) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("Accept-Language", "en").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        }
    }
}
