package cn.huren.server.certificateapplication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A reviewer's decision on a certificate application tells the applicant: the person's account gets a
 * "审核通过" / "审核未通过" notice, in the decision's transaction (a decision undone leaves none).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewDecisionNoticesTest {

    static final String TENANT = "rdn1";
    private static final AtomicInteger SEQ = new AtomicInteger(100);

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestClock clock;

    Applicants applicants;
    HttpApi reviewer;
    AccountSessionFixture accounts;

    @BeforeAll
    void setUp() {
        applicants = new Applicants(port, TENANT).onboard();
        reviewer = Reviewers.of(port, TENANT);
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
    }

    /** A person signed in with a personal demo-CA certificate and registered: the person's party. */
    record Person(String token, long partyId) {
    }

    Person person() throws Exception {
        DemoCaClient key = new DemoCaClient(port, "SM2");
        Reply enrolled = key.enroll(TENANT, "PERSON", residentId(), "李申请");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String token = applicants.login(key);
        HttpResponse<String> registered = applicants.me("POST", "/register", token, null);
        assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
        long party = PartyClient.json(applicants.me("GET", "", token, null)).get("party").get("id").asLong();
        return new Person(token, party);
    }

    long apply(Person person) throws Exception {
        DemoCaClient key = new DemoCaClient(port, "SM2");
        HttpResponse<String> r = applicants.me("POST", "/certificate-applications", person.token(),
                Applicants.application("ISSUE", "PERSONAL", key.csr(key.key.getPrivate()), null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r).get("id").asLong();
    }

    long itemOf(long application) {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select id from review_item where kind = 'certificate-application' and subject_ref = ?")
                .param(Long.toString(application)).query(Long.class).single());
    }

    List<JsonNode> notices(String token) throws Exception {
        HttpResponse<String> r = applicants.party.call("GET", TENANT, "/account/notices", token, null, Map.of("Accept-Language", "zh-CN"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        PartyClient.json(r).get("items").forEach(items::add);
        return items;
    }

    long noticeCount(long accountId) {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select count(*) from account_notice where account_id = ?").param(accountId).query(Long.class).single());
    }

    @Test
    @DisplayName("the reviewer approves an application in the queue: the applicant's account gets a REVIEW_APPROVED notice linking its certificates page")
    void approvedIsTold() throws Exception {
        Person person = person();
        AccountSessionFixture.Opened account = accounts.openFor(TENANT, person.partyId());
        AccountSessionFixture.Opened stranger = accounts.openVerified(TENANT, "旁人");
        long application = apply(person);

        Reply ok = reviewer.post("/api/review/" + TENANT + "/items/" + itemOf(application) + "/approve", null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        List<JsonNode> told = notices(account.token());
        assertThat(told).hasSize(1);
        JsonNode notice = told.get(0);
        assertThat(notice.get("kind").asText()).isEqualTo("REVIEW_APPROVED");
        assertThat(notice.get("title").asText()).contains("审核通过", "证书申请", Long.toString(application));
        assertThat(notice.get("link").asText()).isEqualTo("/t/" + TENANT + "/certificates#application-" + application);
        assertThat(notice.get("read").asBoolean()).isFalse();
        assertThat(noticeCount(stranger.accountId())).isZero();
    }

    @Test
    @DisplayName("a rejection on the application's own API is told with its reason, in Chinese and English")
    void rejectedIsToldWithReason() throws Exception {
        Person person = person();
        AccountSessionFixture.Opened account = accounts.openFor(TENANT, person.partyId());
        long application = apply(person);

        Reply no = applicants.review(application, "reject", Map.of("reason", "身份证照片不清晰"));
        assertThat(no.status()).as(no.body()).isEqualTo(200);

        JsonNode notice = notices(account.token()).get(0);
        assertThat(notice.get("kind").asText()).isEqualTo("REVIEW_REJECTED");
        assertThat(notice.get("title").asText()).contains("审核未通过");
        assertThat(notice.get("body").asText()).contains("身份证照片不清晰");
        String english = TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select body_en from account_notice where account_id = ?").param(account.accountId()).query(String.class).single());
        assertThat(english).contains("was not approved", "身份证照片不清晰");
    }

    @Test
    @DisplayName("a rejection the feature refuses (the application is no longer in review: 409) is undone and leaves no notice")
    void undoneDecisionTellsNobody() throws Exception {
        Person person = person();
        AccountSessionFixture.Opened account = accounts.openFor(TENANT, person.partyId());
        long application = apply(person);
        long item = itemOf(application);
        TenantContext.runAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("update certificate_application set state = 'CANCELLED' where id = ?").param(application).update());

        Reply refused = reviewer.post("/api/review/" + TENANT + "/items/" + item + "/reject", Map.of("reason", "材料不全"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(reviewer.get("/api/review/" + TENANT + "/items/" + item).json().get("status").asText()).isEqualTo("OPEN");
        assertThat(noticeCount(account.accountId())).isZero();
    }

    private static String residentId() {
        String base = "320102198001%02d%03d".formatted(1 + SEQ.get() % 28, SEQ.incrementAndGet() % 1000);
        return DemoCaClient.residentId(base);
    }
}
