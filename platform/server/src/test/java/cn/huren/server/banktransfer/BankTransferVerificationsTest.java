package cn.huren.server.banktransfer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.AccountSessionFixture.Opened;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.login.PartyClient;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** 对公打款认证 over the API, against WireMock as the tenant's bank gateway, and the sandbox bank (docs/bank-transfer.md). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankTransferVerificationsTest {

    static final String TENANT = "btv1";
    static final String OTHER = "btv2";
    static final String SANDBOX = "btv3";
    static final String SECRET = "bt-test-secret";
    static final String COLLECTION = "955880000000000042";
    static final String SEARCH = "/bank/v1/incoming-transfers/search";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

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
    @Autowired
    Memberships memberships;
    @Autowired
    PartyRegistration parties;

    final AtomicInteger references = new AtomicInteger();
    WireMockServer bank;
    AccountSessionFixture accounts;
    PartyClient client;

    @BeforeAll
    void setUp() {
        bank = new WireMockServer(options().dynamicPort());
        bank.start();
        client = new PartyClient(port);
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        for (String tenant : List.of(TENANT, OTHER, SANDBOX)) {
            HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(tenant, "shanxi"));
        }
        for (String tenant : List.of(TENANT, OTHER)) {
            HttpApi.Reply configured = HttpApi.operator(port).patch("/api/platform/tenants/" + tenant + "/config", Map.of(
                    "core.bankTransfer.url", bank.baseUrl() + "/bank/", "core.bankTransfer.appKey", "bt-app",
                    "core.bankTransfer.appSecret", SECRET, "core.bankTransfer.collectionAccount", COLLECTION,
                    "core.bankTransfer.collectionAccountName", "互认平台运营有限公司", "core.bankTransfer.collectionBank", "中国银行南京分行"));
            assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        }
    }

    @AfterAll
    void tearDown() {
        bank.stop();
    }

    @BeforeEach
    void nothingByDefault() {
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(SEARCH)).atPriority(10).willReturn(okJson("{\"code\":\"NOT_FOUND\"}")));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- helpers

    /** The bank has received this transfer; its reference is answered. */
    String bankHas(long amountFen, String last6, String payerName) {
        String reference = "BR-" + references.incrementAndGet();
        bankHas(amountFen, last6, payerName, reference);
        return reference;
    }

    void bankHas(long amountFen, String last6, String payerName, String reference) {
        bank.stubFor(post(urlPathEqualTo(SEARCH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.amountFen", equalTo(Long.toString(amountFen))))
                .withRequestBody(matchingJsonPath("$.payerAccountLast6", equalTo(last6)))
                .withRequestBody(matchingJsonPath("$.collectionAccount", equalTo(COLLECTION)))
                .willReturn(okJson("""
                        {"code":"FOUND","transfer":{"payerAccountMasked":"************%s","payerName":"%s","amountFen":%d,
                         "bankReference":"%s","at":"%s"}}""".formatted(last6, payerName, amountFen, reference, clock.instant()))));
    }

    String letter(String tenant, Opened person) throws Exception {
        String boundary = "huren-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"letter.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(PNG);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/me/letters"))
                .header("Authorization", "Bearer " + person.token()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r).get("id").asText();
    }

    JsonNode start(String tenant, Opened person, String name, String uscc, String last6) throws Exception {
        HttpResponse<String> r = client.call("POST", tenant, "/bank-transfer-verifications", person.token(), Map.of(
                "enterpriseName", name, "uscc", uscc, "letterId", letter(tenant, person), "payerAccountLast6", last6));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r);
    }

    HttpResponse<String> confirm(String tenant, Opened person, JsonNode v) throws Exception {
        return client.call("POST", tenant, "/bank-transfer-verifications/" + v.get("id").asLong() + "/confirmation", person.token(),
                Map.of("termsAccepted", true));
    }

    long count(String tenant, String sql, Object... params) {
        return tenants.callAs(tenant, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    static String kindOf(HttpResponse<String> r) throws Exception {
        String type = PartyClient.json(r).path("type").asText();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    static void status(HttpResponse<String> r, int expected) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    }

    // ---- tests

    @Test
    @DisplayName("APP-26, APP-27: the first person verified by bank transfer becomes ADMIN of the enterprise (registered from the bank's "
            + "account holder) without managing rights; a second becomes STAFF; the ADMIN so made removing staff is 403 "
            + "certificate-purchase-required; each gets the 对公打款认证 notice and an enterprise-verification order; confirming again changes nothing")
    void adminThenStaff() throws Exception {
        String uscc = Applicants.uscc();
        String name = "打款认证（南京）科技有限公司";
        Opened first = accounts.openVerified(TENANT, "打款甲");
        Opened second = accounts.openVerified(TENANT, "打款乙");

        JsonNode v1 = start(TENANT, first, name, uscc, "123456");
        assertThat(v1.get("state").asText()).isEqualTo("OPEN");
        long fen = v1.get("amountFen").asLong();
        assertThat(fen).isBetween(1L, 999L);
        assertThat(v1.get("collectionAccount").get("number").asText()).isEqualTo(COLLECTION);
        assertThat(v1.get("collectionAccount").get("bank").asText()).isEqualTo("中国银行南京分行");
        // the bank writes half-width brackets: the same name
        String reference = bankHas(fen, "123456", "打款认证(南京)科技有限公司");

        HttpResponse<String> confirmed = confirm(TENANT, first, v1);
        status(confirmed, 200);
        JsonNode c = PartyClient.json(confirmed);
        assertThat(c.get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(c.get("termsAccepted").asBoolean()).isTrue();
        assertThat(c.get("confirmation").get("role").asText()).isEqualTo("ADMIN");
        assertThat(c.get("confirmation").get("bankReference").asText()).isEqualTo(reference);
        assertThat(c.get("confirmation").get("orderStatus").asText()).isEqualTo("AWAITING_PAYMENT_CONFIRMATION");
        long enterprise = c.get("confirmation").get("enterpriseId").asLong();
        tenants.callAs(TENANT, () -> {
            assertThat(parties.require(enterprise).identifier()).isEqualTo(uscc);
            var admin = memberships.admin(enterprise).orElseThrow();
            assertThat(admin.accountId()).isEqualTo(first.accountId());
            assertThat(admin.mayManage()).as("APP-27: no managing before a certificate").isFalse();
            assertThat(admin.via()).isEqualTo("BANK_TRANSFER");
            return null;
        });

        status(confirm(TENANT, first, v1), 200);
        assertThat(count(TENANT, "select count(*) from membership where enterprise_id = ?", enterprise)).isOne();
        assertThat(count(TENANT, "select count(*) from enterprise_verification_order where enterprise_id = ?", enterprise)).isOne();

        JsonNode v2 = start(TENANT, second, name, uscc, "654321");
        assertThat(v2.get("amountFen").asLong()).as("two open verifications never share an amount").isNotEqualTo(fen);
        bankHas(v2.get("amountFen").asLong(), "654321", name);
        JsonNode c2 = PartyClient.json(confirm(TENANT, second, v2));
        assertThat(c2.get("confirmation").get("role").asText()).isEqualTo("STAFF");
        long staffMembership = c2.get("confirmation").get("membershipId").asLong();

        HttpResponse<String> removal = client.call("POST", TENANT, "/enterprises/" + enterprise + "/member-removals", first.token(),
                Map.of("membershipIds", List.of(staffMembership)));
        status(removal, 403);
        assertThat(kindOf(removal)).isEqualTo("certificate-purchase-required");
        assertThat(count(TENANT, "select count(*) from membership where enterprise_id = ? and status = 'ACTIVE'", enterprise)).isEqualTo(2);

        for (Opened person : List.of(first, second)) {
            assertThat(count(TENANT, "select count(*) from account_notice where account_id = ? and title_zh like '对公打款认证%'",
                    person.accountId())).isOne();
        }
        assertThat(count(TENANT, "select count(*) from account_notice where account_id = ? and title_zh like '新办事人员%'",
                first.accountId())).as("the ADMIN is told of the new staff member").isOne();
        assertThat(count(TENANT, "select count(*) from bank_transfer_verification_history where verification_id = ?",
                v1.get("id").asLong())).isEqualTo(2);
        assertThat(count(TENANT, "select count(*) from ledger_entry where record_type = 'bank-transfer-verification' and record_id = ?",
                v1.get("id").asText())).isEqualTo(2);
    }

    @Test
    @DisplayName("APP-13, APP-26: two people confirming for the same new enterprise at once, each twice: one ADMIN, one STAFF, "
            + "one membership and one order each")
    void concurrentConfirmations() throws Exception {
        String uscc = Applicants.uscc();
        Opened a = accounts.openVerified(TENANT, "并发甲");
        Opened b = accounts.openVerified(TENANT, "并发乙");
        JsonNode va = start(TENANT, a, "并发打款有限公司", uscc, "121212");
        JsonNode vb = start(TENANT, b, "并发打款有限公司", uscc, "343434");
        bankHas(va.get("amountFen").asLong(), "121212", "并发打款有限公司");
        bankHas(vb.get("amountFen").asLong(), "343434", "并发打款有限公司");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (Object[] pv : new Object[][] {{a, va}, {b, vb}}) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return confirm(TENANT, (Opened) pv[0], (JsonNode) pv[1]).statusCode();
                    }));
                }
            }
            go.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        long enterprise = count(TENANT, "select id from party where uscc = ?", uscc);
        assertThat(count(TENANT, "select count(*) from membership where enterprise_id = ? and role = 'ADMIN'", enterprise)).isOne();
        assertThat(count(TENANT, "select count(*) from membership where enterprise_id = ? and role = 'STAFF'", enterprise)).isOne();
        assertThat(count(TENANT, "select count(*) from enterprise_verification_order where enterprise_id = ?", enterprise)).isEqualTo(2);
        assertThat(count(TENANT, "select count(*) from bank_transfer_verification_history where verification_id in (?, ?) "
                + "and action = 'CONFIRMED'", va.get("id").asLong(), vb.get("id").asLong())).isEqualTo(2);
    }

    @Test
    @DisplayName("APP-26: an enterprise that already has its ADMIN (claimed): the person verified by bank transfer becomes STAFF")
    void staffWhenClaimed() throws Exception {
        String uscc = Applicants.uscc();
        long enterprise = tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, "已认领有限公司", "test")).id());
        Opened admin = accounts.openVerified(TENANT, "认领人");
        tenants.callAs(TENANT, () -> new TransactionTemplate(transactions).execute(s ->
                memberships.add(enterprise, admin.accountId(), MemberRole.ADMIN, true, "CLAIM", "test", Map.of())));
        Opened person = accounts.openVerified(TENANT, "员工丙");

        JsonNode v = start(TENANT, person, "已认领有限公司", uscc, "111111");
        bankHas(v.get("amountFen").asLong(), "111111", "已认领有限公司");
        JsonNode c = PartyClient.json(confirm(TENANT, person, v));

        assertThat(c.get("confirmation").get("role").asText()).isEqualTo("STAFF");
        assertThat(c.get("confirmation").get("enterpriseId").asLong()).isEqualTo(enterprise);
        tenants.callAs(TENANT, () -> {
            assertThat(memberships.admin(enterprise).orElseThrow().accountId()).isEqualTo(admin.accountId());
            assertThat(memberships.active(enterprise, person.accountId()).orElseThrow().role()).isEqualTo(MemberRole.STAFF);
            return null;
        });
        HttpResponse<String> again = client.call("POST", TENANT, "/bank-transfer-verifications", person.token(), Map.of(
                "enterpriseName", "已认领有限公司", "uscc", uscc, "letterId", letter(TENANT, person), "payerAccountLast6", "111111"));
        status(again, 409);
        assertThat(kindOf(again)).isEqualTo("already-member");
    }

    @Test
    @DisplayName("a transfer of another amount, from another account, from another holder, none yet, or the bank failing: a clear "
            + "error and nothing changed but the attempts counted")
    void noMatchChangesNothing() throws Exception {
        String uscc = Applicants.uscc();
        Opened person = accounts.openVerified(TENANT, "打款丁");
        JsonNode v = start(TENANT, person, "未到账有限公司", uscc, "222222");
        long fen = v.get("amountFen").asLong();

        HttpResponse<String> none = confirm(TENANT, person, v);
        status(none, 409);
        assertThat(kindOf(none)).isEqualTo("transfer-not-found");
        bankHas(fen + 1, "222222", "未到账有限公司");
        HttpResponse<String> wrongAmount = confirm(TENANT, person, v);
        status(wrongAmount, 409);
        assertThat(kindOf(wrongAmount)).isEqualTo("transfer-not-found");
        assertThat(PartyClient.json(wrongAmount).get("detail").asText()).contains("¥" + BankTransferVerifications.yuan(fen)).contains("222222");
        bankHas(fen, "333333", "未到账有限公司");
        status(confirm(TENANT, person, v), 409);
        bankHas(fen, "222222", "别的有限公司");
        HttpResponse<String> otherHolder = confirm(TENANT, person, v);
        status(otherHolder, 409);
        assertThat(kindOf(otherHolder)).isEqualTo("payer-name-mismatch");
        bank.resetAll();
        bank.stubFor(post(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(503)));
        HttpResponse<String> failing = confirm(TENANT, person, v);
        status(failing, 502);
        assertThat(kindOf(failing)).isEqualTo("bank-transfer-unavailable");
        HttpResponse<String> noTerms = client.call("POST", TENANT, "/bank-transfer-verifications/" + v.get("id").asLong() + "/confirmation",
                person.token(), Map.of("termsAccepted", false));
        status(noTerms, 400);
        assertThat(PartyClient.json(noTerms).toString()).contains("termsAccepted");

        JsonNode after = PartyClient.json(client.call("GET", TENANT, "/bank-transfer-verifications/" + v.get("id").asLong(), person.token(), null));
        assertThat(after.get("state").asText()).isEqualTo("OPEN");
        assertThat(after.get("attempts").asInt()).isEqualTo(5);
        assertThat(after.get("confirmation").isNull()).isTrue();
        assertThat(count(TENANT, "select count(*) from membership where account_id = ?", person.accountId())).isZero();
        assertThat(count(TENANT, "select count(*) from party where uscc = ?", uscc)).as("no enterprise registered").isZero();
        assertThat(count(TENANT, "select count(*) from bank_transfer_check where verification_id = ?", v.get("id").asLong())).isEqualTo(5);
        assertThat(count(TENANT, "select count(*) from account_notice where account_id = ?", person.accountId())).isZero();
    }

    @Test
    @DisplayName("an OPEN verification expires after 48 hours: confirming it is 409 verification-expired, and it is written EXPIRED with its history")
    void expires() throws Exception {
        Opened person = accounts.openVerified(TENANT, "打款戊");
        JsonNode v = start(TENANT, person, "过期有限公司", Applicants.uscc(), "444444");
        bankHas(v.get("amountFen").asLong(), "444444", "过期有限公司");
        clock.move(Duration.ofHours(49));
        Opened later = new Opened(person.accountId(), accounts.session(TENANT, person.accountId()), person.mobile(), person.partyId());
        tenants.callAs(TENANT, () -> data.jdbc().sql("update party_session set party_id = ? where account_id = ?")
                .params(person.partyId(), person.accountId()).update()); // as the fixture's first session

        HttpResponse<String> late = confirm(TENANT, later, v);

        status(late, 409);
        assertThat(kindOf(late)).isEqualTo("verification-expired");
        assertThat(count(TENANT, "select count(*) from bank_transfer_verification where id = ? and state = 'EXPIRED'", v.get("id").asLong())).isOne();
        assertThat(count(TENANT, "select count(*) from bank_transfer_verification_history where verification_id = ? and action = 'EXPIRED'",
                v.get("id").asLong())).isOne();
        assertThat(count(TENANT, "select count(*) from membership where account_id = ?", person.accountId())).isZero();
    }

    @Test
    @DisplayName("one bank transfer confirms one verification: the same bank reference for a second is 409 transfer-already-used, nothing changed")
    void transferUsedOnce() throws Exception {
        String uscc = Applicants.uscc();
        Opened first = accounts.openVerified(TENANT, "打款己");
        Opened second = accounts.openVerified(TENANT, "打款庚");
        JsonNode v1 = start(TENANT, first, "一笔一用有限公司", uscc, "555555");
        JsonNode v2 = start(TENANT, second, "一笔一用有限公司", uscc, "555555");
        bankHas(v1.get("amountFen").asLong(), "555555", "一笔一用有限公司", "BR-SAME");
        bankHas(v2.get("amountFen").asLong(), "555555", "一笔一用有限公司", "BR-SAME");
        status(confirm(TENANT, first, v1), 200);

        HttpResponse<String> reused = confirm(TENANT, second, v2);

        status(reused, 409);
        assertThat(kindOf(reused)).isEqualTo("transfer-already-used");
        assertThat(count(TENANT, "select count(*) from membership where account_id = ?", second.accountId())).isZero();
        assertThat(count(TENANT, "select count(*) from bank_transfer_verification where id = ? and state = 'OPEN'", v2.get("id").asLong())).isOne();
    }

    @Test
    @DisplayName("a verification is its person's: another account gets 404, another tenant's session 401; bad input is field errors; "
            + "cancelling frees it and a cancelled one does not confirm")
    void accessValidationCancel() throws Exception {
        Opened person = accounts.openVerified(TENANT, "打款辛");
        Opened stranger = accounts.openVerified(TENANT, "路人");
        Opened foreign = accounts.openVerified(OTHER, "外省人");
        JsonNode v = start(TENANT, person, "权限有限公司", Applicants.uscc(), "666666");
        String path = "/bank-transfer-verifications/" + v.get("id").asLong();

        assertThat(kindOf(client.call("GET", TENANT, path, stranger.token(), null))).isEqualTo("verification-not-found");
        assertThat(kindOf(confirm(TENANT, stranger, v))).isEqualTo("verification-not-found");
        assertThat(kindOf(client.call("POST", TENANT, path + "/cancellation", stranger.token(), Map.of()))).isEqualTo("verification-not-found");
        assertThat(PartyClient.json(client.call("GET", TENANT, "/bank-transfer-verifications", stranger.token(), null))
                .get("verifications")).isEmpty();
        assertThat(client.call("GET", TENANT, path, foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(kindOf(client.call("GET", OTHER, path, foreign.token(), null))).isEqualTo("verification-not-found");
        status(client.call("GET", TENANT, "/bank-transfer-verifications", accounts.open(TENANT).token(), null), 403);

        HttpResponse<String> bad = client.call("POST", TENANT, "/bank-transfer-verifications", person.token(), Map.of(
                "enterpriseName", "", "uscc", "91320000", "letterId", letter(TENANT, stranger), "payerAccountLast6", "12a456"));
        status(bad, 400);
        Set<String> fields = new HashSet<>(PartyClient.json(bad).findValuesAsText("field"));
        assertThat(fields).contains("enterpriseName", "uscc", "letterId", "payerAccountLast6");

        JsonNode cancelled = PartyClient.json(client.call("POST", TENANT, path + "/cancellation", person.token(), Map.of()));
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
        bankHas(v.get("amountFen").asLong(), "666666", "权限有限公司");
        HttpResponse<String> late = confirm(TENANT, person, v);
        status(late, 409);
        assertThat(kindOf(late)).isEqualTo("verification-cancelled");
        assertThat(count(TENANT, "select count(*) from membership where account_id = ?", person.accountId())).isZero();
    }

    @Test
    @DisplayName("the sandbox bank (a tenant without a gateway, sandboxes on): it has a transfer only once one is recorded, of that amount, "
            + "from that account; it refuses unsigned queries")
    void sandboxBank() throws Exception {
        Opened person = accounts.openVerified(SANDBOX, "沙箱人");
        JsonNode v = start(SANDBOX, person, "沙箱科技有限公司", Applicants.uscc(), "777777");
        long fen = v.get("amountFen").asLong();
        assertThat(v.get("collectionAccount").get("number").asText()).isEqualTo(BankTransferConfig.SANDBOX_ACCOUNT.number());

        assertThat(kindOf(confirm(SANDBOX, person, v))).isEqualTo("transfer-not-found");
        HttpApi.Reply wrong = HttpApi.anonymous(port).post("/api/t/" + SANDBOX + "/sandbox/bank/transfers",
                Map.of("payerAccountLast6", "777777", "payerName", "沙箱科技有限公司", "amountFen", fen + 1));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(201);
        assertThat(kindOf(confirm(SANDBOX, person, v))).isEqualTo("transfer-not-found");
        HttpApi.anonymous(port).post("/api/t/" + SANDBOX + "/sandbox/bank/transfers",
                Map.of("payerAccountLast6", "777777", "payerName", "沙箱科技有限公司", "amountFen", fen));
        HttpResponse<String> confirmed = confirm(SANDBOX, person, v);
        status(confirmed, 200);
        assertThat(PartyClient.json(confirmed).get("confirmation").get("role").asText()).isEqualTo("ADMIN");

        HttpApi.Reply unsigned = HttpApi.anonymous(port).post("/api/t/" + SANDBOX + "/sandbox/bank/v1/incoming-transfers/search", Map.of(
                "collectionAccount", BankTransferConfig.SANDBOX_ACCOUNT.number(), "payerAccountLast6", "777777", "amountFen", fen,
                "from", "2020-01-01T00:00:00Z", "to", "2100-01-01T00:00:00Z"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("code").asText()).isEqualTo("APP_KEY_UNKNOWN");
    }

    @Test
    @DisplayName("the operator's settings are checked on save: a gateway URL needs its key, secret and collection account; nothing saved otherwise")
    void settingsChecked() {
        HttpApi.Reply refused = HttpApi.operator(port).patch("/api/platform/tenants/" + SANDBOX + "/config", Map.of(
                "core.bankTransfer.url", bank.baseUrl() + "/bank/", "core.bankTransfer.collectionAccount", "x".repeat(65)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("config.core.bankTransfer.appKey", "config.core.bankTransfer.appSecret",
                "config.core.bankTransfer.collectionAccount");
        String stored = tenants.callAs(SANDBOX, () -> data.jdbc().sql("select config from platform.tenant where code = ?").param(SANDBOX)
                .query(String.class).single());
        assertThat(stored).doesNotContain("core.bankTransfer.url");
    }

    @Test
    @DisplayName("the tenant's bank-transfer app secret is sealed at rest, never stored in clear")
    void secretSealed() {
        String stored = tenants.callAs(TENANT, () -> data.jdbc().sql("select config from platform.tenant where code = ?").param(TENANT)
                .query(String.class).single());
        assertThat(stored).contains("core.bankTransfer.appSecret").doesNotContain(SECRET);
    }
}
