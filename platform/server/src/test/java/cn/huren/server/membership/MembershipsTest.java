package cn.huren.server.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The membership core: one ADMIN at every moment, staff, leaving and removal, the API's access, history and ledger. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembershipsTest {

    static final String TENANT = "mbr1";
    static final String OTHER = "mbr2";

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

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "shanxi"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(OTHER, "shanxi"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        tx = new TransactionTemplate(transactions);
        client = new PartyClient(port);
    }

    long enterprise(String name) {
        return tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), name, "test", null)).id());
    }

    Membership add(long enterprise, long account, MemberRole role) {
        return tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, role, true, "TEST", "test", Map.of())));
    }

    long count(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    String kind(Runnable work) {
        try {
            tenants.callAs(TENANT, () -> {
                work.run();
                return null;
            });
        } catch (ApiException e) {
            return e.kind();
        }
        throw new AssertionError("not refused");
    }

    @Test
    @DisplayName("APP-13: an enterprise has exactly one ADMIN: a second is refused (409 enterprise-has-admin), as is joining twice; "
            + "every change is in the history and on the ledger")
    void oneAdmin() {
        long e = enterprise("唯一管理员有限公司");
        AccountSessionFixture.Opened a = accounts.openVerified(TENANT, "甲");
        AccountSessionFixture.Opened b = accounts.openVerified(TENANT, "乙");
        add(e, a.accountId(), MemberRole.ADMIN);
        assertThat(kind(() -> tx.execute(s -> memberships.add(e, b.accountId(), MemberRole.ADMIN, true, "TEST", "test", Map.of()))))
                .isEqualTo("enterprise-has-admin");
        add(e, b.accountId(), MemberRole.STAFF);
        assertThat(kind(() -> tx.execute(s -> memberships.add(e, b.accountId(), MemberRole.STAFF, true, "TEST", "test", Map.of()))))
                .isEqualTo("already-member");
        assertThat(count("select count(*) from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'", e)).isOne();
        assertThat(count("select count(*) from membership_history where enterprise_id = ?", e)).isEqualTo(2);
        assertThat(count("select count(*) from ledger_entry where record_type = 'membership' and record_id in "
                + "(select id::text from membership where enterprise_id = ?)", e)).isEqualTo(2);
    }

    @Test
    @DisplayName("APP-78, APP-80: concurrent handovers to different staff: exactly one ADMIN at every moment a reader looks, and after all of them")
    void concurrentHandovers() throws Exception {
        long e = enterprise("并发移交有限公司");
        List<Long> staff = new ArrayList<>();
        add(e, accounts.openVerified(TENANT, "管").accountId(), MemberRole.ADMIN);
        for (int i = 0; i < 6; i++) {
            long account = accounts.openVerified(TENANT, "员" + i).accountId();
            add(e, account, MemberRole.STAFF);
            staff.add(account);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean racing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> reader = pool.submit(() -> {
                while (racing.get()) {
                    seen.add(count("select count(*) from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'", e));
                }
            });
            List<Future<String>> swaps = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (long account : staff) {
                    swaps.add(pool.submit(() -> {
                        start.await();
                        try {
                            tenants.callAs(TENANT, () -> tx.execute(s -> memberships.swapAdmin(e, account, "TEST", "test", Map.of())));
                            return "ok";
                        } catch (ApiException refused) {
                            return refused.kind(); // the account is ADMIN already
                        }
                    }));
                }
            }
            start.countDown();
            for (Future<String> f : swaps) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isIn("ok", "not-staff");
            }
            racing.set(false);
            reader.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).isNotEmpty().containsOnly(1L);
        assertThat(count("select count(*) from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'", e)).isOne();
        assertThat(count("select count(*) from membership where enterprise_id = ? and status = 'ACTIVE'", e)).isEqualTo(7);
    }

    @Test
    @DisplayName("APP-69, APP-76, APP-77, APP-103: members list the ADMIN first; STAFF may not remove (403 admin-required); the ADMIN "
            + "removes staff (all or none: the ADMIN among them refuses all), staff leave, the ADMIN cannot leave; a member's account does not close; "
            + "another tenant's session and a non-member see 404")
    void membersOverTheApi() throws Exception {
        long e = enterprise("成员管理有限公司");
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员甲");
        AccountSessionFixture.Opened s1 = accounts.openVerified(TENANT, "员工一");
        AccountSessionFixture.Opened s2 = accounts.openVerified(TENANT, "员工二");
        AccountSessionFixture.Opened outsider = accounts.openVerified(TENANT, "路人");
        AccountSessionFixture.Opened foreign = accounts.openVerified(OTHER, "外省人");
        Membership am = add(e, admin.accountId(), MemberRole.ADMIN);
        Membership m1 = add(e, s1.accountId(), MemberRole.STAFF);
        Membership m2 = add(e, s2.accountId(), MemberRole.STAFF);

        JsonNode members = PartyClient.json(call("GET", "/enterprises/" + e + "/members", s1.token(), null, 200));
        assertThat(members.findValuesAsText("name")).containsExactly("管理员甲", "员工一", "员工二");
        assertThat(members.get(0).get("role").asText()).isEqualTo("ADMIN");
        assertThat(members.toString()).doesNotContain(s1.mobile());
        JsonNode mine = PartyClient.json(call("GET", "/enterprises", s1.token(), null, 200));
        assertThat(mine.findValuesAsText("name")).containsExactly("成员管理有限公司");

        assertThat(kindOf(call("GET", "/enterprises/" + e + "/members", outsider.token(), null, 404))).isEqualTo("enterprise-not-found");
        assertThat(kindOf(client.call("GET", OTHER, "/enterprises/" + e + "/members", foreign.token(), null))).isEqualTo("enterprise-not-found");
        assertThat(client.call("GET", TENANT, "/enterprises/" + e + "/members", foreign.token(), null).statusCode())
                .as("a session of another tenant is nobody here").isEqualTo(401);

        assertThat(kindOf(call("POST", "/enterprises/" + e + "/member-removals", s1.token(), Map.of("membershipIds", List.of(m2.id())), 403)))
                .isEqualTo("admin-required");
        call("POST", "/enterprises/" + e + "/member-removals", admin.token(), Map.of("membershipIds", List.of(m2.id(), am.id())), 400);
        assertThat(count("select count(*) from membership where enterprise_id = ? and status = 'ACTIVE'", e)).isEqualTo(3);
        call("POST", "/enterprises/" + e + "/member-removals", admin.token(), Map.of("membershipIds", List.of(m2.id())), 200);
        assertThat(count("select count(*) from account_notice where account_id = ?", s2.accountId())).isOne();

        HttpResponse<String> closure = client.call("GET", TENANT, "/account/closure", s1.token(), null);
        assertThat(PartyClient.json(closure).findValuesAsText("code")).contains("enterprises-left");
        call("DELETE", "/enterprises/" + e + "/membership", s1.token(), Map.of(), 400);
        call("DELETE", "/enterprises/" + e + "/membership", s1.token(), Map.of("confirm", true), 200);
        assertThat(kindOf(call("DELETE", "/enterprises/" + e + "/membership", admin.token(), Map.of("confirm", true), 409)))
                .isEqualTo("admin-must-hand-over");
        JsonNode history = PartyClient.json(call("GET", "/enterprises/" + e + "/members/history", admin.token(), null, 200));
        assertThat(history.findValuesAsText("action")).containsExactly("LEFT", "REMOVED", "JOINED", "JOINED", "JOINED");
        assertThat(m1.id()).isPositive();
    }

    @Test
    @DisplayName("APP-06: an account not yet real-name verified acts for no enterprise (403 real-name-required); a certificate session is no account (403)")
    void verifiedAccountsOnly() throws Exception {
        AccountSessionFixture.Opened unverified = accounts.open(TENANT);
        assertThat(kindOf(call("GET", "/enterprises", unverified.token(), null, 403))).isEqualTo("real-name-required");
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
}
