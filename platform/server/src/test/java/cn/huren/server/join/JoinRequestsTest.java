package cn.huren.server.join;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.AccountSessionFixture.Opened;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.login.PartyClient;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Joining an enterprise over the API: requests, the join link, invitations; who may decide; nothing changed on a refusal. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinRequestsTest {

    static final String TENANT = "join1";
    static final String OTHER = "join2";

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

    /** A registered enterprise: its ADMIN (may manage staff unless made by bank transfer). */
    Opened registered(long enterprise, String adminName, boolean mayManage) {
        Opened admin = accounts.openVerified(TENANT, adminName);
        add(enterprise, admin.accountId(), MemberRole.ADMIN, mayManage);
        return admin;
    }

    Membership add(long enterprise, long account, MemberRole role, boolean mayManage) {
        return tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, role, mayManage, "TEST", "test", Map.of())));
    }

    long count(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    /** Everything a join could change, to show a refusal changed nothing. */
    List<Long> state(long enterprise) {
        return List.of(count("select count(*) from join_request where enterprise_id = ?", enterprise),
                count("select count(*) from membership where enterprise_id = ?", enterprise),
                count("select count(*) from ledger_entry"), count("select count(*) from account_notice"));
    }

    HttpResponse<String> call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpResponse<String> r = client.call(method, TENANT, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r;
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r);
    }

    static String kind(HttpResponse<String> r) throws Exception {
        String type = json(r).path("type").asText();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    static Map<String, Object> apply(long enterprise) {
        Map<String, Object> body = new HashMap<>();
        body.put("enterpriseId", enterprise);
        body.put("position", "会计");
        body.put("department", "财务部");
        body.put("remark", "新入职");
        return body;
    }

    long notices(long account, String kind) {
        return count("select count(*) from account_notice where account_id = ? and kind = ?", account, kind);
    }

    @Test
    @DisplayName("APP-19, APP-20, APP-23: a person applies with the information page; the ADMIN gets a 加入企业申请 notice, approves; "
            + "the person is told and is STAFF (via JOIN); request and membership in their histories and on the ledger")
    void applyAndApprove() throws Exception {
        long e = enterprise("申请加入有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened person = accounts.openVerified(TENANT, "申请人");

        JsonNode r = json(call("POST", "/join-requests", person.token(), apply(e), 201));
        assertThat(r.get("state").asText()).isEqualTo("PENDING");
        assertThat(r.get("via").asText()).isEqualTo("APPLY");
        assertThat(r.get("applicantName").asText()).isEqualTo("申请人");
        assertThat(r.toString()).doesNotContain(person.mobile());
        assertThat(notices(admin.accountId(), "JOIN_REQUEST")).isOne();
        assertThat(count("select count(*) from account_notice where account_id = ? and title_zh = '加入企业申请'", admin.accountId())).isOne();

        JsonNode list = json(call("GET", "/enterprises/" + e + "/join-requests", admin.token(), null, 200));
        assertThat(list.findValuesAsText("position")).containsExactly("会计");
        long id = r.get("id").asLong();
        JsonNode approved = json(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/approve", admin.token(), null, 200));
        assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
        Membership m = tenants.callAs(TENANT, () -> memberships.active(e, person.accountId())).orElseThrow();
        assertThat(m.role()).isEqualTo(MemberRole.STAFF);
        assertThat(m.via()).isEqualTo("JOIN");
        assertThat(notices(person.accountId(), "JOIN_REQUEST")).isOne();
        assertThat(count("select count(*) from join_request_history where join_request_id = ?", id)).isEqualTo(2);
        assertThat(count("select count(*) from ledger_entry where record_type = 'join_request' and record_id = ?", Long.toString(id))).isEqualTo(2);
        assertThat(count("select count(*) from ledger_entry where record_type = 'membership' and record_id = ?", Long.toString(m.id()))).isOne();
        // deciding again is refused
        assertThat(kind(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/return", admin.token(), Map.of("reason", "x"), 409)))
                .isEqualTo("join-request-decided");
        assertThat(json(call("GET", "/enterprises/" + e + "/members", person.token(), null, 200)).findValuesAsText("name"))
                .containsExactly("管理员", "申请人");
    }

    @Test
    @DisplayName("APP-23: the ADMIN returns a request with a reason (required); the person is told the reason and is no member; "
            + "APP-22: a pending request is withdrawn by its applicant only, and then cannot be approved")
    void returnAndWithdraw() throws Exception {
        long e = enterprise("退回撤回有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened returned = accounts.openVerified(TENANT, "被退回");
        Opened withdrawing = accounts.openVerified(TENANT, "撤回者");

        long id = json(call("POST", "/join-requests", returned.token(), Map.of("enterpriseId", e), 201)).get("id").asLong();
        call("POST", "/enterprises/" + e + "/join-requests/" + id + "/return", admin.token(), Map.of("reason", " "), 400);
        JsonNode r = json(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/return", admin.token(), Map.of("reason", "请先补充职务"), 200));
        assertThat(r.get("state").asText()).isEqualTo("RETURNED");
        assertThat(r.get("reason").asText()).isEqualTo("请先补充职务");
        assertThat(count("select count(*) from account_notice where account_id = ? and body_zh like '%请先补充职务%'", returned.accountId())).isOne();
        assertThat(tenants.callAs(TENANT, () -> memberships.active(e, returned.accountId()))).isEmpty();
        // returned, the person may ask again
        call("POST", "/join-requests", returned.token(), Map.of("enterpriseId", e), 201);

        long w = json(call("POST", "/join-requests", withdrawing.token(), Map.of("enterpriseId", e), 201)).get("id").asLong();
        assertThat(kind(call("POST", "/join-requests/" + w + "/withdraw", returned.token(), null, 404))).isEqualTo("join-request-not-found");
        assertThat(json(call("POST", "/join-requests/" + w + "/withdraw", withdrawing.token(), null, 200)).get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(kind(call("POST", "/enterprises/" + e + "/join-requests/" + w + "/approve", admin.token(), null, 409))).isEqualTo("join-request-decided");
        assertThat(json(call("GET", "/join-requests", withdrawing.token(), null, 200)).findValuesAsText("state")).containsExactly("WITHDRAWN");
        assertThat(tenants.callAs(TENANT, () -> memberships.active(e, withdrawing.accountId()))).isEmpty();
    }

    @Test
    @DisplayName("APP-19: joining twice, a member asking, an enterprise nobody registered (409 enterprise-not-registered: claim it) "
            + "and an unknown enterprise are refused, nothing changed")
    void refusals() throws Exception {
        long e = enterprise("重复申请有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened person = accounts.openVerified(TENANT, "重复者");
        call("POST", "/join-requests", person.token(), Map.of("enterpriseId", e), 201);

        List<Long> before = state(e);
        assertThat(kind(call("POST", "/join-requests", person.token(), Map.of("enterpriseId", e), 409))).isEqualTo("join-request-pending");
        assertThat(kind(call("POST", "/join-requests", admin.token(), Map.of("enterpriseId", e), 409))).isEqualTo("already-member");
        call("POST", "/join-requests", person.token(), Map.of("enterpriseId", e, "remark", "x".repeat(201)), 400);
        call("POST", "/join-requests", person.token(), Map.of(), 400);
        assertThat(state(e)).isEqualTo(before);

        long unregistered = enterprise("无人认领有限公司");
        List<Long> quiet = state(unregistered);
        assertThat(kind(call("POST", "/join-requests", person.token(), Map.of("enterpriseId", unregistered), 409))).isEqualTo("enterprise-not-registered");
        assertThat(kind(call("POST", "/join-requests", person.token(), Map.of("enterpriseId", 987654321), 404))).isEqualTo("enterprise-not-found");
        assertThat(state(unregistered)).isEqualTo(quiet);
        // approved once, asking again is already-member
        Opened other = accounts.openVerified(TENANT, "已入职");
        add(e, other.accountId(), MemberRole.STAFF, true);
        assertThat(kind(call("POST", "/join-requests", other.token(), Map.of("enterpriseId", e), 409))).isEqualTo("already-member");
    }

    @Test
    @DisplayName("APP-23, APP-27: STAFF cannot decide (403 admin-required); an ADMIN made by bank transfer cannot approve before buying a "
            + "certificate (403 certificate-purchase-required), nothing changed, but may return the request")
    void whoDecides() throws Exception {
        long e = enterprise("谁来审核有限公司");
        Opened admin = registered(e, "对公管理员", false);
        Opened staff = accounts.openVerified(TENANT, "员工");
        add(e, staff.accountId(), MemberRole.STAFF, true);
        Opened person = accounts.openVerified(TENANT, "申请人");
        long id = json(call("POST", "/join-requests", person.token(), Map.of("enterpriseId", e), 201)).get("id").asLong();

        List<Long> before = state(e);
        assertThat(kind(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/approve", staff.token(), null, 403))).isEqualTo("admin-required");
        assertThat(kind(call("GET", "/enterprises/" + e + "/join-requests", staff.token(), null, 403))).isEqualTo("admin-required");
        assertThat(kind(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/approve", admin.token(), null, 403)))
                .isEqualTo("certificate-purchase-required");
        assertThat(kind(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/approve", person.token(), null, 404))).isEqualTo("enterprise-not-found");
        assertThat(state(e)).isEqualTo(before);
        // returning adds nobody: that ADMIN may (the request cannot then wait for ever on a certificate purchase)
        assertThat(json(call("POST", "/enterprises/" + e + "/join-requests/" + id + "/return", admin.token(), Map.of("reason", "不"), 200))
                .get("state").asText()).isEqualTo("RETURNED");
        assertThat(count("select count(*) from membership where enterprise_id = ?", e)).isEqualTo(before.get(1));
    }

    @Test
    @DisplayName("APP-21: a member's join link names the enterprise (same link again); applying by it is via QR; the ADMIN rotates it and the "
            + "old token is refused (410 join-link-retired), an unknown one 404; STAFF cannot rotate")
    void joinLink() throws Exception {
        long e = enterprise("扫码加入有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened staff = accounts.openVerified(TENANT, "员工");
        add(e, staff.accountId(), MemberRole.STAFF, true);
        Opened person = accounts.openVerified(TENANT, "扫码人");
        Opened late = accounts.openVerified(TENANT, "迟到者");

        JsonNode link = json(call("GET", "/enterprises/" + e + "/join-link", staff.token(), null, 200));
        String token = link.get("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(link.get("path").asText()).isEqualTo("/account/enterprises/join?token=" + token);
        assertThat(json(call("GET", "/enterprises/" + e + "/join-link", admin.token(), null, 200)).get("token").asText()).isEqualTo(token);
        assertThat(count("select count(*) from join_link where token_sealed like '%" + token + "%'")).as("sealed at rest").isZero();
        assertThat(json(call("GET", "/join-links?token=" + token, person.token(), null, 200)).get("name").asText()).isEqualTo("扫码加入有限公司");

        JsonNode r = json(call("POST", "/join-requests", person.token(), Map.of("joinToken", token), 201));
        assertThat(r.get("via").asText()).isEqualTo("QR");
        assertThat(r.get("enterpriseId").asLong()).isEqualTo(e);

        assertThat(kind(call("POST", "/enterprises/" + e + "/join-link/rotate", staff.token(), null, 403))).isEqualTo("admin-required");
        String fresh = json(call("POST", "/enterprises/" + e + "/join-link/rotate", admin.token(), null, 200)).get("token").asText();
        assertThat(fresh).isNotEqualTo(token);
        List<Long> before = state(e);
        assertThat(kind(call("POST", "/join-requests", late.token(), Map.of("joinToken", token), 410))).isEqualTo("join-link-retired");
        assertThat(kind(call("POST", "/join-requests", late.token(), Map.of("joinToken", "nonsense-token"), 404))).isEqualTo("join-link-not-found");
        assertThat(kind(call("GET", "/join-links?token=" + token, late.token(), null, 410))).isEqualTo("join-link-retired");
        assertThat(state(e)).isEqualTo(before);
        call("POST", "/join-requests", late.token(), Map.of("joinToken", fresh), 201);
    }

    @Test
    @DisplayName("APP-68: the ADMIN invites a number: the same answer with or without an account; the account is told and, accepting, is STAFF "
            + "(via INVITATION) without approval; a staff member's invitation accepted is a join request; another number cannot accept")
    void invitations() throws Exception {
        long e = enterprise("邀请加入有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened staff = accounts.openVerified(TENANT, "员工");
        add(e, staff.accountId(), MemberRole.STAFF, true);
        Opened invitee = accounts.openVerified(TENANT, "被邀请人");
        Opened second = accounts.openVerified(TENANT, "第二位");

        JsonNode withAccount = json(call("POST", "/enterprises/" + e + "/invitations", admin.token(), Map.of("mobile", invitee.mobile()), 201));
        JsonNode without = json(call("POST", "/enterprises/" + e + "/invitations", admin.token(), Map.of("mobile", "13700000000"), 201));
        assertThat(withAccount.properties().stream().map(Map.Entry::getKey).toList())
                .isEqualTo(without.properties().stream().map(Map.Entry::getKey).toList());
        assertThat(withAccount.get("state").asText()).isEqualTo(without.get("state").asText()).isEqualTo("PENDING");
        assertThat(withAccount.toString()).doesNotContain(invitee.mobile());
        assertThat(notices(invitee.accountId(), "JOIN_REQUEST")).isOne();
        call("POST", "/enterprises/" + e + "/invitations", admin.token(), Map.of("mobile", "12345"), 400);

        long id = withAccount.get("id").asLong();
        long pendingRequest = json(call("POST", "/join-requests", invitee.token(), Map.of("enterpriseId", e), 201)).get("id").asLong();
        assertThat(json(call("GET", "/invitations", invitee.token(), null, 200)).findValuesAsText("enterpriseName")).containsExactly("邀请加入有限公司");
        assertThat(kind(call("POST", "/invitations/" + id + "/accept", second.token(), null, 404))).isEqualTo("invitation-not-found");
        JsonNode accepted = json(call("POST", "/invitations/" + id + "/accept", invitee.token(), null, 200));
        assertThat(accepted.get("membership").get("via").asText()).isEqualTo("INVITATION");
        assertThat(accepted.get("membership").get("role").asText()).isEqualTo("STAFF");
        assertThat(kind(call("POST", "/invitations/" + id + "/accept", invitee.token(), null, 409))).isEqualTo("invitation-decided");
        assertThat(count("select count(*) from join_request where id = ? and state = 'WITHDRAWN'", pendingRequest))
                .as("the request the invitation overtook is closed").isOne();

        long byStaff = json(call("POST", "/enterprises/" + e + "/invitations", staff.token(), Map.of("mobile", second.mobile()), 201)).get("id").asLong();
        JsonNode asRequest = json(call("POST", "/invitations/" + byStaff + "/accept", second.token(), null, 200));
        assertThat(asRequest.get("membership").isNull()).isTrue();
        assertThat(asRequest.get("joinRequest").get("via").asText()).isEqualTo("INVITATION");
        assertThat(tenants.callAs(TENANT, () -> memberships.active(e, second.accountId()))).isEmpty();
        call("POST", "/enterprises/" + e + "/join-requests/" + asRequest.get("joinRequest").get("id").asLong() + "/approve", admin.token(), null, 200);
        assertThat(tenants.callAs(TENANT, () -> memberships.active(e, second.accountId()))).isPresent();
        assertThat(json(call("GET", "/enterprises/" + e + "/invitations", staff.token(), null, 200)).findValuesAsText("state"))
                .containsExactly("ACCEPTED", "PENDING", "ACCEPTED");
    }

    @Test
    @DisplayName("APP-69: a member's detail with the number of certificates delegated to them (0 until delegation exists); "
            + "the calls are in the OpenAPI document; another tenant's session is nobody here (401) and sees nothing in its own tenant (404)")
    void memberDetailAndTenants() throws Exception {
        long e = enterprise("成员详情有限公司");
        Opened admin = registered(e, "管理员", true);
        Opened staff = accounts.openVerified(TENANT, "员工");
        Membership m = add(e, staff.accountId(), MemberRole.STAFF, true);
        JsonNode d = json(call("GET", "/enterprises/" + e + "/members/" + m.id(), admin.token(), null, 200));
        assertThat(d.get("member").get("name").asText()).isEqualTo("员工");
        assertThat(d.get("delegatedCertificates").asInt()).isZero();
        call("GET", "/enterprises/" + e + "/members/999999", admin.token(), null, 404);

        JsonNode paths = HttpApi.anonymous(port).get("/v3/api-docs").json().get("paths");
        for (String path : List.of("/join-requests", "/join-requests/{id}/withdraw", "/enterprises/{enterpriseId}/join-requests/{id}/approve",
                "/enterprises/{enterpriseId}/join-requests/{id}/return", "/enterprises/{enterpriseId}/join-link",
                "/enterprises/{enterpriseId}/invitations", "/invitations/{id}/accept", "/enterprises/{enterpriseId}/members/{membershipId}")) {
            assertThat(paths.has("/api/t/{tenant}/me" + path)).as(path + " in the OpenAPI document").isTrue();
        }

        Opened foreign = accounts.openVerified(OTHER, "外省人");
        assertThat(client.call("GET", TENANT, "/enterprises/" + e + "/join-requests", foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(client.call("POST", TENANT, "/join-requests", foreign.token(), Map.of("enterpriseId", e)).statusCode()).isEqualTo(401);
        assertThat(kind(client.call("GET", OTHER, "/enterprises/" + e + "/join-link", foreign.token(), null))).isEqualTo("enterprise-not-found");
        assertThat(kind(client.call("POST", OTHER, "/join-requests", foreign.token(), Map.of("enterpriseId", e)))).isEqualTo("enterprise-not-found");
    }
}
