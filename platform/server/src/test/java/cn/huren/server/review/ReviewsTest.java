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
        for (JsonNode item : reviewer.get("/api/review/" + tenant + "/items?status=ALL&size=100").json().get("items")) {
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

    @Test
    @DisplayName("a reviewer disabled while signed in loses the open console session at its next request; enabled again, it works again")
    void disabledWhileSignedIn() throws Exception {
        String base = "/api/platform/tenants/" + A + "/reviewers";
        assertThat(operator.post(base, Map.of("username", "rv-session", "password", "long-enough-password")).status()).isEqualTo(201);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/console/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=rv-session&password=long-enough-password&_csrf=" + csrf(loginPage)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        HttpRequest queuePage = HttpRequest.newBuilder(uri("/console/reviews/" + A)).build();
        assertThat(browser.send(queuePage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        assertThat(operator.post(base + "/rv-session/disable", null).status()).isEqualTo(200);
        assertThat(browser.send(queuePage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

        assertThat(operator.post(base + "/rv-session/enable", null).status()).isEqualTo(200);
        assertThat(browser.send(queuePage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the queue pages: newest first, page and size (1 to 100, else 400), the total, filtered by status; the console page too")
    void paging() {
        String tenant = "rvp";
        assertThat(operator.post("/api/platform/tenants", cn.huren.server.Tenants.body(tenant, "jiangsu")).status()).isEqualTo(201);
        HttpApi reviewer = Reviewers.of(port, tenant);
        TenantContext.runAs(tenants.byCode(tenant).orElseThrow(), () -> {
            for (int i = 1; i <= 23; i++) {
                queue.submit("paging-test", "p-" + i, "item " + i, "test");
            }
            for (int i = 1; i <= 3; i++) {
                queue.withdraw("paging-test", "p-" + i, "test");
            }
        });
        String items = "/api/review/" + tenant + "/items";
        JsonNode first = reviewer.get(items + "?status=ALL&size=10").json();
        assertThat(first.get("total").asLong()).isEqualTo(23);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("items").findValuesAsText("subjectRef")).hasSize(10).startsWith("p-23", "p-22");
        JsonNode last = reviewer.get(items + "?status=ALL&size=10&page=2").json();
        assertThat(last.get("items").findValuesAsText("subjectRef")).containsExactly("p-3", "p-2", "p-1");
        JsonNode open = reviewer.get(items).json();
        assertThat(open.get("total").asLong()).isEqualTo(20);
        assertThat(open.get("size").asInt()).isEqualTo(20);
        assertThat(open.get("items").findValuesAsText("status")).hasSize(20).containsOnly("OPEN");
        JsonNode withdrawn = reviewer.get(items + "?status=WITHDRAWN").json();
        assertThat(withdrawn.get("items").findValuesAsText("subjectRef")).containsExactly("p-3", "p-2", "p-1");
        assertThat(reviewer.get(items + "?size=101").status()).isEqualTo(400);
        assertThat(reviewer.get(items + "?size=0").status()).isEqualTo(400);
        assertThat(reviewer.get(items + "?page=-1").status()).isEqualTo(400);
        assertThat(reviewer.get(items + "?status=NEW").status()).isEqualTo(400);

        HttpApi.Reply page = reviewer.browser().get("/console/reviews/" + tenant + "?status=ALL&page=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"previous\"", "id=\"item-3\"", ">item 1<").doesNotContain("id=\"next\"")
                .contains("id=\"page-of\"", "id=\"total\"");
    }

    @Test
    @DisplayName("a reviewer changes its own password on the console: the current one is needed, the new one has 12+ characters and is "
            + "Argon2-hashed; CSRF like the console's forms; each attempt in the operation log; then only the new one signs in")
    void ownPassword() throws Exception {
        String name = "pw-" + A;
        String old = "first-password-1";
        String fresh = "second-password-2";
        assertThat(operator.post("/api/platform/tenants/" + A + "/reviewers", Map.of("username", name, "password", old)).status()).isEqualTo(201);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/console/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> login = browser.send(form("/console/login", "username=" + name + "&password=" + old + "&_csrf=" + csrf(loginPage)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String path = "/console/reviews/" + A + "/password";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("修改密码", "id=\"nav-password\"");
        String token = csrf(page.body());

        assertThat(browser.send(form(path, "oldPassword=" + old + "&newPassword=" + fresh + "&repeat=" + fresh), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> wrongOld = browser.send(form(path, "oldPassword=wrong-password-0&newPassword=" + fresh + "&repeat=" + fresh
                + "&_csrf=" + token), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongOld.statusCode()).isEqualTo(400);
        assertThat(wrongOld.body()).contains("id=\"error-reviewer-old-password\"", "当前密码不正确");
        HttpResponse<String> shortNew = browser.send(form(path, "oldPassword=" + old + "&newPassword=short-1&repeat=short-1&_csrf=" + token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shortNew.statusCode()).isEqualTo(400);
        assertThat(shortNew.body()).contains("id=\"error-reviewer-password\"");
        assertThat(browser.send(form(path, "oldPassword=" + old + "&newPassword=" + fresh + "&repeat=other-password-3&_csrf=" + token),
                HttpResponse.BodyHandlers.ofString()).body()).contains("id=\"error-reviewer-password-repeat\"");
        assertThat(HttpApi.anonymous(port).as(name, old).get("/api/review/" + A + "/items").status()).as("nothing changed yet").isEqualTo(200);

        HttpResponse<String> changed = browser.send(form(path, "oldPassword=" + old + "&newPassword=" + fresh + "&repeat=" + fresh
                + "&_csrf=" + token), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location").orElse("")).endsWith(path + "?changed");
        assertThat(HttpApi.anonymous(port).as(name, old).get("/api/review/" + A + "/items").status()).isEqualTo(401);
        assertThat(HttpApi.anonymous(port).as(name, fresh).get("/api/review/" + A + "/items").status()).isEqualTo(200);
        assertThat(sql.sql("select password_hash from platform.operator where username = ?").param(name).query(String.class).single())
                .startsWith("{argon2").doesNotContain(fresh);
        String log = operator.get("/api/platform/operations?action=reviewer.password&target=" + A).body();
        assertThat(log).contains("SUCCESS", "REFUSED", name).doesNotContain(fresh).doesNotContain(old);
        assertThat(reviewerB.browser().get("/console/reviews/" + A + "/password").status()).as("another tenant's reviewer").isEqualTo(403);
    }

    @Test
    @DisplayName("OpenAPI documents the review queue and the reviewer accounts with tags and summaries")
    void openApi() {
        JsonNode paths = HttpApi.anonymous(port).get("/v3/api-docs").json().get("paths");
        for (String path : java.util.List.of("/api/review/{code}/items", "/api/review/{code}/items/{id}", "/api/review/{code}/items/{id}/approve",
                "/api/review/{code}/items/{id}/reject", "/api/review/{code}/certificate-applications")) {
            JsonNode operation = paths.get(path).elements().next();
            assertThat(operation.get("tags").get(0).asText()).as(path).isEqualTo("Reviews");
            assertThat(operation.path("summary").asText()).as(path).isNotBlank();
        }
        for (String path : java.util.List.of("/api/platform/tenants/{code}/reviewers", "/api/platform/tenants/{code}/reviewers/{username}/disable")) {
            JsonNode operation = paths.get(path).elements().next();
            assertThat(operation.get("tags").get(0).asText()).as(path).isEqualTo("Reviewer accounts");
            assertThat(operation.path("summary").asText()).as(path).isNotBlank();
        }
        assertThat(paths.get("/api/review/{code}/items").get("get").get("parameters").findValuesAsText("name")).contains("status", "page", "size");
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
