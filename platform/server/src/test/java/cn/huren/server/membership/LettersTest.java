package cn.huren.server.membership;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.login.PartyClient;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/** the authorisation letter's template and its upload, for a verified person's account only. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LettersTest {

    static final String TENANT = "ltr1";
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    AuthorisationLetters letters;

    AccountSessionFixture accounts;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "shanxi"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ltr2", "shanxi"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
    }

    @Test
    @DisplayName("X-08: the template names the act, the enterprise and the verified person (masked ID), escaped; a bad USCC is a field error")
    void template() throws Exception {
        AccountSessionFixture.Opened me = accounts.openVerified(TENANT, "钱七", "11010219900101001X");
        String uscc = Applicants.uscc();
        HttpResponse<String> letter = get("/letter-templates/CLAIM?enterpriseName=" + URLEncoder.encode("<b>太原</b>有限公司", StandardCharsets.UTF_8)
                + "&uscc=" + uscc, me.token());
        assertThat(letter.statusCode()).as(letter.body()).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(letter.body()).contains("认领企业", "钱七", "&lt;b&gt;太原&lt;/b&gt;有限公司", uscc).doesNotContain("<b>太原")
                .doesNotContain("11010219900101001X").contains("盖章");
        HttpResponse<String> bad = get("/letter-templates/CLAIM?enterpriseName=x&uscc=123", me.token());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(bad).findValuesAsText("field")).containsExactly("uscc");
        assertThat(get("/letter-templates/NOTHING?enterpriseName=x&uscc=" + uscc, me.token()).statusCode()).isEqualTo(400);
        assertThat(get("/letter-templates/CLAIM?enterpriseName=x&uscc=" + uscc, accounts.open(TENANT).token()).statusCode())
                .as("not verified").isEqualTo(403);
    }

    @Test
    @DisplayName("X-08: a sealed letter uploads as PNG, JPEG or PDF (its type read from the content); another person cannot name it; "
            + "the tenant's reviewer reads it, another tenant's reviewer does not")
    void upload() throws Exception {
        AccountSessionFixture.Opened me = accounts.openVerified(TENANT, "孙八");
        AccountSessionFixture.Opened other = accounts.openVerified(TENANT, "李九");
        HttpResponse<String> uploaded = upload("letter.png", PNG, me.token());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode view = PartyClient.json(uploaded);
        assertThat(view.get("mediaType").asText()).isEqualTo("image/png");
        UUID id = UUID.fromString(view.get("id").asText());
        assertThat(upload("letter.png", "not an image".getBytes(StandardCharsets.UTF_8), me.token()).statusCode()).isEqualTo(415);

        PartyAccess mine = tenants.callAs(TENANT, () -> access(me));
        PartyAccess theirs = tenants.callAs(TENANT, () -> access(other));
        assertThat(tenants.callAs(TENANT, () -> letters.require(mine, id, "letter")).sha256()).hasSize(64);
        ApiException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> tenants.callAs(TENANT, () -> letters.require(theirs, id, "letter")), ApiException.class);
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("letter-not-found"));

        String path = "/parties/" + me.partyId() + "/attachments/" + id;
        HttpApi.Reply read = cn.huren.server.review.Reviewers.of(port, TENANT).get("/api/review/" + TENANT + path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(HttpApi.operator(port).get("/api/platform/operations?action=review.download&target=/api/review/" + TENANT + path).json()
                .findValuesAsText("operator")).as("the reviewer's read is in the operation log").containsExactly(cn.huren.server.review.Reviewers.name(TENANT));
        assertThat(cn.huren.server.review.Reviewers.of(port, "ltr2").get("/api/review/" + TENANT + path).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("A person's uploads are bounded: the 101st file of a day is 429 (attachment-quota), nothing stored")
    void dailyQuota() throws Exception {
        AccountSessionFixture.Opened me = accounts.openVerified(TENANT, "周十一");
        for (int i = 0; i < 100; i++) {
            assertThat(upload("letter-" + i + ".png", PNG, me.token()).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = upload("letter-100.png", PNG, me.token());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(PartyClient.json(refused).get("type").asText()).endsWith("attachment-quota");
        assertThat(tenants.callAs(TENANT, () -> data.jdbc().sql("select count(*) from attachment where party_id = ?").param(me.partyId())
                .query(Long.class).single())).isEqualTo(100);
    }

    private PartyAccess access(AccountSessionFixture.Opened opened) {
        var principal = new cn.huren.server.session.PartySessions.PartyPrincipal("x", cn.huren.server.party.PartyKind.NATURAL_PERSON, null, null,
                opened.partyId(), null, null, null, null, "sms", opened.accountId());
        return new PartyAccess(principal, false, false, false);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me" + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String fileName, byte[] content, String token) throws Exception {
        String boundary = "letter-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me/letters"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
