package cn.huren.server.handover;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** APP-78–80 over the API: handover with a signed statement, by a reviewed letter, appeals, and racing handovers. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandoverTest {

    static final String TENANT = "hov1";
    static final String OTHER = "hov2";

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
    Memberships memberships;
    @Autowired
    PartyRegistration parties;

    AccountSessionFixture accounts;
    TransactionTemplate tx;
    PartyClient client;
    Applicants applicants;

    @BeforeAll
    void setUp() {
        applicants = new Applicants(port, TENANT).onboard();
        new Applicants(port, OTHER).onboard();
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        tx = new TransactionTemplate(transactions);
        client = new PartyClient(port);
    }

    /** An enterprise registered with a demo-CA certificate (bound, its primary), an ADMIN and staff. */
    record Firm(long id, String uscc, Applicants.Holder certificate, AccountSessionFixture.Opened admin, List<AccountSessionFixture.Opened> staff) {
    }

    Firm firm(int staffCount) throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder holder = applicants.enterprise(uscc);
        long id = tenants.callAs(TENANT, () -> parties.findByUscc(uscc).orElseThrow().id());
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员甲");
        add(id, admin.accountId(), MemberRole.ADMIN);
        List<AccountSessionFixture.Opened> staff = new ArrayList<>();
        for (int i = 0; i < staffCount; i++) {
            AccountSessionFixture.Opened s = accounts.openVerified(TENANT, "员工" + i);
            add(id, s.accountId(), MemberRole.STAFF);
            staff.add(s);
        }
        return new Firm(id, uscc, holder, admin, staff);
    }

    void add(long enterprise, long account, MemberRole role) {
        tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, role, true, "TEST", "test", Map.of())));
    }

    long adminOf(long enterprise) {
        return tenants.callAs(TENANT, () -> memberships.admin(enterprise).orElseThrow().accountId());
    }

    long count(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    HttpResponse<String> call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpResponse<String> r = client.call(method, TENANT, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r;
    }

    static String kindOf(HttpResponse<String> r) throws Exception {
        String type = PartyClient.json(r).path("type").asText();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    JsonNode statement(Firm f, AccountSessionFixture.Opened to) throws Exception {
        return PartyClient.json(call("POST", "/enterprises/" + f.id() + "/handover/statements", f.admin().token(), Map.of("toAccountId", to.accountId()), 201));
    }

    static Map<String, Object> signed(JsonNode statement, DemoCaClient key, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "WITH_CERTIFICATE");
        body.put("statementId", statement.get("statementId").asText());
        body.put("certificate", key.certificate);
        body.put("signature", key.sign(message));
        return body;
    }

    String letter(AccountSessionFixture.Opened who) throws Exception {
        String boundary = "huren-letter-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write("%PDF-1.4\n% sealed letter\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me/letters"))
                .header("Authorization", "Bearer " + who.token()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r).get("id").asText();
    }

    /** The open review item of a handover or appeal. */
    long item(String kind, long handoverId) {
        JsonNode items = Reviewers.of(port, TENANT).get("/api/review/" + TENANT + "/items?status=OPEN&size=100").json().get("items");
        for (JsonNode i : items) {
            if (i.get("kind").asText().equals(kind) && i.get("subjectRef").asText().equals(Long.toString(handoverId))) {
                return i.get("id").asLong();
            }
        }
        throw new AssertionError("no open item " + kind + " " + handoverId + " in " + items);
    }

    HttpApi.Reply decide(long item, String action, Object body) {
        return Reviewers.of(port, TENANT).post("/api/review/" + TENANT + "/items/" + item + "/" + action, body);
    }

    long notices(long account, String kind) {
        return count("select count(*) from account_notice where account_id = ? and kind = ?", account, kind);
    }

    @Test
    @DisplayName("APP-78: the ADMIN signs the handover statement with the enterprise's bound certificate: the roles swap at once, the "
            + "former ADMIN is STAFF, the new one told; history and ledger")
    void withCertificate() throws Exception {
        Firm f = firm(1);
        AccountSessionFixture.Opened to = f.staff().get(0);
        JsonNode st = statement(f, to);
        String text = st.get("text").asText();
        assertThat(text).contains(f.uscc(), "管理员甲", "员工0", st.get("statementId").asText()).doesNotContain(to.mobile());
        JsonNode done = PartyClient.json(call("POST", "/enterprises/" + f.id() + "/handover", f.admin().token(),
                signed(st, f.certificate().key(), text), 200));
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("kind").asText()).isEqualTo("WITH_CERTIFICATE");
        assertThat(adminOf(f.id())).isEqualTo(to.accountId());
        JsonNode members = PartyClient.json(call("GET", "/enterprises/" + f.id() + "/members", f.admin().token(), null, 200));
        assertThat(members.get(1).get("accountId").asLong()).isEqualTo(f.admin().accountId());
        assertThat(members.get(1).get("role").asText()).isEqualTo("STAFF");
        assertThat(notices(to.accountId(), "SYSTEM")).isOne();
        assertThat(count("select count(*) from admin_handover_history where handover_id = ?", done.get("id").asLong())).isEqualTo(2);
        assertThat(count("select count(*) from ledger_entry where record_type = 'admin-handover' and record_id = ?", done.get("id").asText())).isEqualTo(2);
        // the statement signed once is spent; the former ADMIN may no longer hand over
        assertThat(kindOf(call("POST", "/enterprises/" + f.id() + "/handover", f.admin().token(), signed(st, f.certificate().key(), text), 403)))
                .isEqualTo("admin-required");
    }

    @Test
    @DisplayName("APP-78: another enterprise's certificate, a certificate of a CA this tenant does not trust, a certificate of the enterprise "
            + "not bound to it, a signature over another text, and STAFF asking are refused, nothing changed; the good signature then supersedes an open appeal")
    void certificateRefusals() throws Exception {
        Firm f = firm(1);
        Firm other = firm(0);
        JsonNode st = statement(f, f.staff().get(0));
        String text = st.get("text").asText();
        String path = "/enterprises/" + f.id() + "/handover";

        assertThat(kindOf(call("POST", path, f.admin().token(), signed(st, other.certificate().key(), text), 403)))
                .isEqualTo("certificate-not-of-enterprise");
        DemoCaClient foreign = new DemoCaClient(port, "SM2");
        assertThat(foreign.enroll(OTHER, "ENTERPRISE", f.uscc(), "申请测试有限公司").status()).isEqualTo(201);
        assertThat(kindOf(call("POST", path, f.admin().token(), signed(st, foreign, text), 403))).isEqualTo("certificate-untrusted");
        DemoCaClient unbound = new DemoCaClient(port, "SM2");
        assertThat(unbound.enroll(TENANT, "ENTERPRISE", f.uscc(), "申请测试有限公司").status()).isEqualTo(201);
        assertThat(kindOf(call("POST", path, f.admin().token(), signed(st, unbound, text), 403))).isEqualTo("certificate-not-bound");
        assertThat(kindOf(call("POST", path, f.admin().token(), signed(st, f.certificate().key(), text.replace("员工0", "员工9")), 422)))
                .isEqualTo("statement-signature-invalid");
        assertThat(kindOf(call("POST", path + "/statements", f.staff().get(0).token(), Map.of("toAccountId", f.admin().accountId()), 403)))
                .isEqualTo("admin-required");
        assertThat(kindOf(call("POST", path, f.staff().get(0).token(), Map.of("kind", "WITH_LETTER", "toAccountId", f.admin().accountId(),
                "letterId", letter(f.staff().get(0))), 403))).isEqualTo("admin-required");

        assertThat(adminOf(f.id())).isEqualTo(f.admin().accountId());
        assertThat(count("select count(*) from admin_handover where enterprise_id = ?", f.id())).isZero();
        assertThat(count("select count(*) from admin_handover_statement where id = ?::uuid and used_at is null", st.get("statementId").asText())).isOne();
        // the same statement still works with the right certificate, and supersedes an appeal waiting for review
        JsonNode appeal = PartyClient.json(call("POST", "/enterprises/" + f.id() + "/appeals", f.staff().get(0).token(),
                Map.of("reason", "申诉", "letterId", letter(f.staff().get(0))), 201));
        long item = item(Handovers.KIND_APPEAL, appeal.get("id").asLong());
        call("POST", path, f.admin().token(), signed(st, f.certificate().key(), text), 200);
        assertThat(count("select count(*) from admin_handover where id = ? and state = 'SUPERSEDED'", appeal.get("id").asLong())).isOne();
        assertThat(Reviewers.of(port, TENANT).get("/api/review/" + TENANT + "/items/" + item).json().get("status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    @DisplayName("APP-79: without a certificate the ADMIN's sealed letter waits for the tenant's reviewer (one open at a time, 409); "
            + "the reviewer reads the letter; on approval the roles swap and both are told; a target who left meanwhile makes approval fail (409) with the item still open")
    void withLetter() throws Exception {
        Firm f = firm(2);
        AccountSessionFixture.Opened to = f.staff().get(0);
        String path = "/enterprises/" + f.id() + "/handover";
        JsonNode submitted = PartyClient.json(call("POST", path, f.admin().token(),
                Map.of("kind", "WITH_LETTER", "toAccountId", to.accountId(), "letterId", letter(f.admin())), 201));
        assertThat(submitted.get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(adminOf(f.id())).isEqualTo(f.admin().accountId());
        assertThat(kindOf(call("POST", path, f.admin().token(),
                Map.of("kind", "WITH_LETTER", "toAccountId", f.staff().get(1).accountId(), "letterId", letter(f.admin())), 409))).isEqualTo("handover-open");
        assertThat(kindOf(call("POST", "/enterprises/" + f.id() + "/appeals", f.staff().get(1).token(),
                Map.of("reason", "管理员离职", "letterId", letter(f.staff().get(1))), 409))).isEqualTo("handover-open");

        long item = item(Handovers.KIND_HANDOVER, submitted.get("id").asLong());
        HttpApi.Reply sealed = Reviewers.of(port, TENANT).get("/api/review/" + TENANT + "/admin-handovers/" + submitted.get("id").asLong() + "/letter");
        assertThat(sealed.status()).isEqualTo(200);
        assertThat(sealed.body()).startsWith("%PDF");
        String read = "/api/review/" + TENANT + "/admin-handovers/" + submitted.get("id").asLong() + "/letter";
        assertThat(HttpApi.operator(port).get("/api/platform/operations?action=review.download&target=" + read).json()
                .findValuesAsText("operator")).as("the reviewer's read is in the operation log").containsExactly(Reviewers.name(TENANT));
        assertThat(decide(item, "approve", null).status()).isEqualTo(200);
        assertThat(adminOf(f.id())).isEqualTo(to.accountId());
        JsonNode list = PartyClient.json(call("GET", path, to.token(), null, 200));
        assertThat(list.get(0).get("state").asText()).isEqualTo("DONE");
        assertThat(notices(f.admin().accountId(), "REVIEW_APPROVED")).isOne();
        assertThat(notices(to.accountId(), "SYSTEM")).isOne();

        // the new ADMIN hands over by letter to a staff member who then leaves: approval fails, the item stays open, rejection closes it
        AccountSessionFixture.Opened leaver = f.staff().get(1);
        JsonNode second = PartyClient.json(call("POST", path, to.token(),
                Map.of("kind", "WITH_LETTER", "toAccountId", leaver.accountId(), "letterId", letter(to)), 201));
        call("DELETE", "/enterprises/" + f.id() + "/membership", leaver.token(), Map.of("confirm", true), 200);
        long item2 = item(Handovers.KIND_HANDOVER, second.get("id").asLong());
        HttpApi.Reply stale = decide(item2, "approve", null);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("handover-stale");
        assertThat(item(Handovers.KIND_HANDOVER, second.get("id").asLong())).isEqualTo(item2);
        assertThat(decide(item2, "reject", Map.of("reason", "接收人已离开企业")).status()).isEqualTo(200);
        assertThat(count("select count(*) from admin_handover where id = ? and state = 'REJECTED'", second.get("id").asLong())).isOne();
        assertThat(adminOf(f.id())).isEqualTo(to.accountId());
    }

    @Test
    @DisplayName("APP-80: a STAFF member's appeal with a reason and a sealed letter: rejected → the applicant is told the reason; "
            + "approved → the applicant is ADMIN, the former ADMIN STAFF and told; the ADMIN cannot appeal; withdrawal")
    void appeal() throws Exception {
        Firm f = firm(1);
        AccountSessionFixture.Opened applicant = f.staff().get(0);
        String path = "/enterprises/" + f.id() + "/appeals";
        assertThat(kindOf(call("POST", path, f.admin().token(), Map.of("reason", "x", "letterId", letter(f.admin())), 409))).isEqualTo("already-admin");
        call("POST", path, applicant.token(), Map.of("reason", " ", "letterId", letter(applicant)), 400);

        JsonNode first = PartyClient.json(call("POST", path, applicant.token(), Map.of("reason", "管理员已离职，无法联系", "letterId", letter(applicant)), 201));
        assertThat(first.get("kind").asText()).isEqualTo("APPEAL");
        assertThat(decide(item(Handovers.KIND_APPEAL, first.get("id").asLong()), "reject", Map.of("reason", "授权书不清晰")).status()).isEqualTo(200);
        assertThat(adminOf(f.id())).isEqualTo(f.admin().accountId());
        assertThat(count("select count(*) from account_notice where account_id = ? and kind = 'REVIEW_REJECTED' and body_zh like '%授权书不清晰%'",
                applicant.accountId())).isOne();

        JsonNode withdrawn = PartyClient.json(call("POST", path, applicant.token(), Map.of("reason", "再次申诉", "letterId", letter(applicant)), 201));
        call("POST", "/enterprises/" + f.id() + "/handover/" + withdrawn.get("id").asLong() + "/withdrawal", f.admin().token(), null, 404);
        JsonNode w = PartyClient.json(call("POST", "/enterprises/" + f.id() + "/handover/" + withdrawn.get("id").asLong() + "/withdrawal",
                applicant.token(), null, 200));
        assertThat(w.get("state").asText()).isEqualTo("WITHDRAWN");

        JsonNode second = PartyClient.json(call("POST", path, applicant.token(), Map.of("reason", "管理员已离职", "letterId", letter(applicant)), 201));
        assertThat(decide(item(Handovers.KIND_APPEAL, second.get("id").asLong()), "approve", null).status()).isEqualTo(200);
        assertThat(adminOf(f.id())).isEqualTo(applicant.accountId());
        assertThat(notices(applicant.accountId(), "REVIEW_APPROVED")).isOne();
        assertThat(notices(f.admin().accountId(), "SYSTEM")).isOne();
        assertThat(count("select count(*) from membership where enterprise_id = ? and account_id = ? and role = 'STAFF' and status = 'ACTIVE'",
                f.id(), f.admin().accountId())).isOne();
    }

    @Test
    @DisplayName("APP-78: handovers racing through the API — the ADMIN signs statements to four staff members and sends them at once: "
            + "exactly one swaps, the others get 409 admin-changed, and the enterprise has exactly one ADMIN")
    void racingHandovers() throws Exception {
        Firm f = firm(4);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (AccountSessionFixture.Opened s : f.staff()) {
            JsonNode st = statement(f, s);
            bodies.add(signed(st, f.certificate().key(), st.get("text").asText()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        try {
            for (Map<String, Object> body : bodies) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return client.call("POST", TENANT, "/enterprises/" + f.id() + "/handover", f.admin().token(), body);
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<HttpResponse<String>> reply : replies) {
                HttpResponse<String> r = reply.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isIn(403, 409);
                    assertThat(kindOf(r)).isIn("admin-changed", "admin-required");
                }
            }
            assertThat(ok).isOne();
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'", f.id())).isOne();
        assertThat(count("select count(*) from admin_handover where enterprise_id = ? and state = 'DONE'", f.id())).isOne();
        assertThat(adminOf(f.id())).isNotEqualTo(f.admin().accountId());
    }

    @Test
    @DisplayName("APP-78, APP-80: a handover with a certificate racing the reviewer's approval of an appeal: whichever wins, the other "
            + "gets a clear refusal (409 admin-changed / 403 admin-required, or 409 review-decided for the superseded appeal) and "
            + "the enterprise has exactly one ADMIN")
    void handoverRacingAppealApproval() throws Exception {
        for (int round = 0; round < 3; round++) {
            Firm f = firm(2);
            AccountSessionFixture.Opened applicant = f.staff().get(0);
            AccountSessionFixture.Opened heir = f.staff().get(1);
            JsonNode appeal = PartyClient.json(call("POST", "/enterprises/" + f.id() + "/appeals", applicant.token(),
                    Map.of("reason", "竞争", "letterId", letter(applicant)), 201));
            long item = item(Handovers.KIND_APPEAL, appeal.get("id").asLong());
            JsonNode st = statement(f, heir);
            Map<String, Object> body = signed(st, f.certificate().key(), st.get("text").asText());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                Future<HttpResponse<String>> handover = pool.submit(() -> {
                    start.await();
                    return client.call("POST", TENANT, "/enterprises/" + f.id() + "/handover", f.admin().token(), body);
                });
                Future<HttpApi.Reply> approval = pool.submit(() -> {
                    start.await();
                    return decide(item, "approve", null);
                });
                start.countDown();
                HttpResponse<String> h = handover.get(60, TimeUnit.SECONDS);
                HttpApi.Reply a = approval.get(60, TimeUnit.SECONDS);
                long admin = adminOf(f.id());
                if (h.statusCode() == 200) {
                    assertThat(a.status()).as(a.body()).isEqualTo(409);
                    assertThat(a.body()).contains("review-decided");
                    assertThat(admin).isEqualTo(heir.accountId());
                    assertThat(count("select count(*) from admin_handover where id = ? and state = 'SUPERSEDED'", appeal.get("id").asLong())).isOne();
                } else {
                    assertThat(a.status()).as(a.body()).isEqualTo(200);
                    assertThat(kindOf(h)).isIn("admin-changed", "admin-required");
                    assertThat(admin).isEqualTo(applicant.accountId());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(count("select count(*) from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'", f.id())).isOne();
        }
    }

    @Test
    @DisplayName("a session of another tenant, and a person who is no member, see no handover of the enterprise")
    void confined() throws Exception {
        Firm f = firm(0);
        AccountSessionFixture.Opened outsider = accounts.openVerified(TENANT, "路人");
        AccountSessionFixture.Opened foreign = accounts.openVerified(OTHER, "外省人");
        assertThat(kindOf(call("GET", "/enterprises/" + f.id() + "/handover", outsider.token(), null, 404))).isEqualTo("enterprise-not-found");
        assertThat(client.call("GET", TENANT, "/enterprises/" + f.id() + "/handover", foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(client.call("GET", OTHER, "/enterprises/" + f.id() + "/handover", foreign.token(), null).statusCode()).isEqualTo(404);
    }
}
