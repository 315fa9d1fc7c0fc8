package cn.huren.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenant reviewers and their queue: accounts made by the operator, each reviewer confined to its tenant, decisions acted on by the feature. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewsTest {

    static final String A = "rva";
    static final String B = "rvb";

    @LocalServerPort
    int port;
    @Autowired
    ReviewQueue queue;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    JdbcClient sql;

    HttpApi operator;
    HttpApi reviewerA;
    HttpApi reviewerB;
    Applicants applicantsA;
    Applicants applicantsB;
    Applicants.Holder partyA;
    Applicants.Holder partyB;

    @BeforeAll
    void setUp() throws Exception {
        operator = HttpApi.operator(port);
        applicantsA = new Applicants(port, A).onboard();
        applicantsB = new Applicants(port, B).onboard();
        reviewerA = Reviewers.of(port, A);
        reviewerB = Reviewers.of(port, B);
        partyA = applicantsA.enterprise(Applicants.uscc());
        partyB = applicantsB.enterprise(Applicants.uscc());
    }

    long apply(Applicants applicants, Applicants.Holder party) throws Exception {
        return applicants.apply(party, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
    }

    /** The open queue item of an application. */
    JsonNode itemOf(HttpApi reviewer, String tenant, long application) {
        for (JsonNode item : reviewer.get("/api/review/" + tenant + "/items?status=ALL").json()) {
            if (item.get("kind").asText().equals("certificate-application") && item.get("subjectRef").asText().equals(Long.toString(application))) {
                return item;
            }
        }
        throw new AssertionError("no item for application " + application);
    }

    String applicationState(Applicants applicants, Applicants.Holder party, long id) throws Exception {
        return PartyClient.json(applicants.me("GET", "/certificate-applications/" + id, party.token(), null)).get("state").asText();
    }

    @Test
    @DisplayName("the operator creates reviewers per tenant (API): bad name, short password, unknown tenant, a name taken — each a problem, "
            + "nothing made; every attempt in the operation log; a disabled reviewer cannot sign in")
    void reviewerAccounts() {
        String base = "/api/platform/tenants/" + A + "/reviewers";
        assertThat(operator.post(base, Map.of("username", "Bad Name", "password", "long-enough-password")).status()).isEqualTo(400);
        assertThat(operator.post(base, Map.of("username", "rv-short", "password", "short")).status()).isEqualTo(400);
        assertThat(operator.post("/api/platform/tenants/nosuch/reviewers", Map.of("username", "rv-nosuch", "password", "long-enough-password"))
                .status()).isEqualTo(404);
        Reply taken = operator.post(base, Map.of("username", "admin", "password", "long-enough-password"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.contentType()).startsWith("application/problem+json");
        assertThat(operator.get(base).json().findValuesAsText("username")).containsExactly(Reviewers.name(A));

        assertThat(operator.post(base, Map.of("username", "rv-leaver", "password", "long-enough-password")).status()).isEqualTo(201);
        HttpApi leaver = HttpApi.anonymous(port).as("rv-leaver", "long-enough-password");
        assertThat(leaver.get("/api/review/" + A + "/items").status()).isEqualTo(200);
        assertThat(operator.post(base + "/rv-leaver/disable", null).json().get("enabled").asBoolean()).isFalse();
        assertThat(leaver.get("/api/review/" + A + "/items").status()).isEqualTo(401);
        assertThat(operator.post("/api/platform/tenants/" + B + "/reviewers/rv-leaver/enable", null).status())
                .as("a reviewer of another tenant").isEqualTo(404);
        assertThat(operator.post("/api/platform/tenants/" + A + "/reviewers/admin/disable", null).status())
                .as("the operator is no reviewer").isEqualTo(404);
        assertThat(operator.get("/api/platform/operations?action=reviewer.create&target=" + A).body()).contains("REFUSED", "SUCCESS");
        assertThat(operator.get("/api/platform/operations?action=reviewer.disable&target=" + A).body()).contains("SUCCESS");
    }

    @Test
    @DisplayName("a reviewer of one tenant neither lists nor decides another tenant's items or certificate applications, nor reaches "
            + "onboarding or /api/platform; the operator decides no review")
    void confinement() throws Exception {
        long applicationB = apply(applicantsB, partyB);
        long itemB = itemOf(reviewerB, B, applicationB).get("id").asLong();

        assertThat(reviewerA.get("/api/review/" + B + "/items").status()).isEqualTo(403);
        assertThat(reviewerA.get("/api/review/" + B + "/items/" + itemB).status()).isEqualTo(403);
        assertThat(reviewerA.post("/api/review/" + B + "/items/" + itemB + "/approve", null).status()).isEqualTo(403);
        assertThat(reviewerA.get("/api/review/" + B + "/certificate-applications").status()).isEqualTo(403);
        assertThat(reviewerA.post("/api/review/" + B + "/certificate-applications/" + applicationB + "/approve", null).status()).isEqualTo(403);
        assertThat(reviewerA.post("/api/review/" + A + "/certificate-applications/" + applicationB + "/approve", null).status())
                .as("B's application by its id, on A").isIn(404, 409);
        assertThat(reviewerA.browser().get("/console/reviews/" + B).status()).isEqualTo(403);
        assertThat(reviewerA.get("/api/platform/tenants").status()).isEqualTo(403);
        assertThat(reviewerA.post("/api/platform/tenants/" + A + "/reviewers", Map.of("username", "rv-self", "password", "long-enough-password"))
                .status()).isEqualTo(403);
        assertThat(reviewerA.browser().get("/console/tenants/new").status()).isEqualTo(403);
        assertThat(reviewerA.browser().get("/console/tenants/" + A).status()).isEqualTo(403);
        assertThat(reviewerA.browser().get("/console/operations").status()).isEqualTo(403);

        assertThat(operator.get("/api/review/" + B + "/items").status()).isEqualTo(403);
        assertThat(operator.post("/api/review/" + B + "/items/" + itemB + "/approve", null).status()).isEqualTo(403);
        assertThat(operator.post("/api/review/" + B + "/certificate-applications/" + applicationB + "/approve", null).status()).isEqualTo(403);
        assertThat(operator.browser().get("/console/reviews/" + B).status()).isEqualTo(403);
        assertThat(applicationState(applicantsB, partyB, applicationB)).isEqualTo("IN_REVIEW");
        assertThat(reviewerB.get("/api/review/" + B + "/items/" + itemB).json().get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    @DisplayName("SX-13, SX-17: each application is an item of the queue; approving the item issues the certificate, rejecting it needs a reason, "
            + "the applicant's cancel withdraws it, a decision on the application's page decides its item; each on the ledger")
    void decisions() throws Exception {
        long approved = apply(applicantsA, partyA);
        JsonNode item = itemOf(reviewerA, A, approved);
        assertThat(item.get("status").asText()).isEqualTo("OPEN");
        assertThat(item.get("summary").asText()).contains("ISSUE", "SM2");
        Reply ok = reviewerA.post("/api/review/" + A + "/items/" + item.get("id").asLong() + "/approve", null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(ok.json().get("decidedBy").asText()).isEqualTo("reviewer:" + Reviewers.name(A));
        assertThat(applicationState(applicantsA, partyA, approved)).isEqualTo("AWAITING_DOWNLOAD");
        assertThat(reviewerA.post("/api/review/" + A + "/items/" + item.get("id").asLong() + "/approve", null).status()).isEqualTo(409);

        long rejected = apply(applicantsA, partyA);
        long rejectedItem = itemOf(reviewerA, A, rejected).get("id").asLong();
        assertThat(reviewerA.post("/api/review/" + A + "/items/" + rejectedItem + "/reject", Map.of("reason", " ")).status()).isEqualTo(400);
        assertThat(applicationState(applicantsA, partyA, rejected)).isEqualTo("IN_REVIEW");
        assertThat(reviewerA.post("/api/review/" + A + "/items/" + rejectedItem + "/reject", Map.of("reason", "材料不全")).json()
                .get("status").asText()).isEqualTo("REJECTED");
        assertThat(applicationState(applicantsA, partyA, rejected)).isEqualTo("REJECTED");

        long cancelled = apply(applicantsA, partyA);
        assertThat(applicantsA.me("POST", "/certificate-applications/" + cancelled + "/cancel", partyA.token(), null).statusCode()).isEqualTo(200);
        assertThat(itemOf(reviewerA, A, cancelled).get("status").asText()).isEqualTo("WITHDRAWN");

        long direct = apply(applicantsA, partyA);
        assertThat(applicantsA.review(direct, "approve", null).status()).isEqualTo(200);
        assertThat(itemOf(reviewerA, A, direct).get("status").asText()).isEqualTo("APPROVED");

        assertThat(sql.sql("select string_agg(action, ',' order by seq) from tenant_" + A + ".ledger_entry where record_type = 'review-item' "
                + "and record_id = ?").param(item.get("id").asText()).query(String.class).single()).isEqualTo("SUBMIT,APPROVE");
        assertThat(operator.get("/api/platform/operations?action=review.approve&target=" + A).body()).contains("SUCCESS", "REFUSED");
    }

    @Test
    @DisplayName("an item of a kind no feature decides is refused (409), and stays OPEN")
    void unknownKind() {
        ReviewItem item = TenantContext.callAs(tenants.byCode(A).orElseThrow(),
                () -> queue.submit("no-such-kind", "x-1", "an item no feature handles", "test"));
        Reply refused = reviewerA.post("/api/review/" + A + "/items/" + item.id() + "/approve", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:review-kind-unknown");
        assertThat(reviewerA.get("/api/review/" + A + "/items/" + item.id()).json().get("status").asText()).isEqualTo("OPEN");
        assertThat(reviewerA.get("/api/review/" + A + "/items/999999").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the reviewer signs in on /console/login and lands on its queue; the console's forms need the CSRF token, as the console's do")
    void consoleSession() throws Exception {
        long application = apply(applicantsA, partyA);
        long item = itemOf(reviewerA, A, application).get("id").asLong();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/console/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + Reviewers.name(A) + "&password="
                        + URLEncoder.encode(Reviewers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf(loginPage)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console/reviews/" + A);
        HttpResponse<String> home = browser.send(HttpRequest.newBuilder(uri("/console")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/console/reviews/" + A);

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/console/reviews/" + A + "/items/" + item)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String approve = "/console/reviews/" + A + "/items/" + item + "/approve";
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(uri(approve))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(applicationState(applicantsA, partyA, application)).isEqualTo("IN_REVIEW");
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(uri(approve))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(page.body()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(applicationState(applicantsA, partyA, application)).isEqualTo("AWAITING_DOWNLOAD");
        HttpResponse<String> elsewhere = browser.send(HttpRequest.newBuilder(uri("/console/reviews/" + B)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF token").isTrue();
        return m.group(1);
    }
}
