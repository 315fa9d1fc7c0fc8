package cn.huren.server.department;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** Departments over the API: three levels, members in several, rename/move/delete guarded, racing moves, who may. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentsTest {

    static final String TENANT = "dep1";
    static final String OTHER = "dep2";

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

    /** An enterprise with its ADMIN and staff. */
    record Company(long id, AccountSessionFixture.Opened admin, List<AccountSessionFixture.Opened> staff, List<Long> staffIds) {
        String path(String rest) {
            return "/enterprises/" + id + rest;
        }
    }

    Company company(String name, int staff) {
        long e = tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), name, "test", null)).id());
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, name.substring(0, 2) + "管理员");
        add(e, admin.accountId(), MemberRole.ADMIN, true);
        List<AccountSessionFixture.Opened> people = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < staff; i++) {
            AccountSessionFixture.Opened p = accounts.openVerified(TENANT, "员工" + (char) ('甲' + i));
            people.add(p);
            ids.add(add(e, p.accountId(), MemberRole.STAFF, true).id());
        }
        return new Company(e, admin, people, ids);
    }

    Membership add(long enterprise, long account, MemberRole role, boolean mayManage) {
        return tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, role, mayManage, "TEST", "test", Map.of())));
    }

    long count(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    long create(Company c, String name, Long parent) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("parentId", parent);
        return PartyClient.json(call("POST", c.path("/departments"), c.admin().token(), body, 201)).get("id").asLong();
    }

    HttpResponse<String> moveTo(Company c, long department, Long parent, String token) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("parentId", parent);
        return client.call("PUT", TENANT, c.path("/departments/" + department + "/parent"), token, body);
    }

    JsonNode tree(Company c) throws Exception {
        return PartyClient.json(call("GET", c.path("/departments"), c.admin().token(), null, 200));
    }

    /** A department anywhere in the tree. */
    static JsonNode node(JsonNode tree, long id) {
        for (JsonNode n : tree.get("departments")) {
            JsonNode found = find(n, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static JsonNode find(JsonNode n, long id) {
        if (n.get("id").asLong() == id) {
            return n;
        }
        for (JsonNode c : n.get("children")) {
            JsonNode found = find(c, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static JsonNode member(JsonNode tree, long membershipId) {
        for (JsonNode m : tree.get("members")) {
            if (m.get("membershipId").asLong() == membershipId) {
                return m;
            }
        }
        return null;
    }

    static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asLong()));
        return out;
    }

    @Test
    @DisplayName("APP-70: the first department's parent is the company, then second and third levels below; a fourth level is a field "
            + "error (department-too-deep) and names are unique among siblings; members see the tree, staff may not change it")
    void threeLevels() throws Exception {
        Company c = company("三级部门有限公司", 1);
        long l1 = create(c, "研发中心", null);
        long l2 = create(c, "平台部", l1);
        long l3 = create(c, "基础组", l2);
        Map<String, Object> fourth = new HashMap<>(Map.of("name", "第四级", "parentId", l3));
        HttpResponse<String> refused = call("POST", c.path("/departments"), c.admin().token(), fourth, 400);
        assertThat(PartyClient.json(refused).toString()).contains("parentId", "department-too-deep");
        create(c, "平台部", null); // the same name under another parent
        assertThat(kindOf(call("POST", c.path("/departments"), c.admin().token(), new HashMap<>(Map.of("name", "平台部", "parentId", l1)), 409)))
                .isEqualTo("department-name-taken");
        call("POST", c.path("/departments"), c.admin().token(), new HashMap<>(Map.of("name", " ")), 400);

        JsonNode tree = PartyClient.json(call("GET", c.path("/departments"), c.staff().get(0).token(), null, 200));
        assertThat(tree.get("mayChange").asBoolean()).isFalse();
        JsonNode top = node(tree, l1);
        assertThat(top.get("level").asInt()).isEqualTo(1);
        assertThat(top.get("parentId").isNull()).isTrue();
        assertThat(top.at("/children/0/id").asLong()).isEqualTo(l2);
        assertThat(top.at("/children/0/children/0/id").asLong()).isEqualTo(l3);
        assertThat(top.at("/children/0/children/0/level").asInt()).isEqualTo(3);
        assertThat(count("select count(*) from department where enterprise_id = ?", c.id())).isEqualTo(4);
        assertThat(count("select count(*) from department_history where enterprise_id = ? and action = 'CREATED'", c.id())).isEqualTo(4);
        assertThat(count("select count(*) from ledger_entry where record_type = 'department' and record_id = ?", Long.toString(l3))).isOne();

        assertThat(kindOf(call("POST", c.path("/departments"), c.staff().get(0).token(), new HashMap<>(Map.of("name", "员工建的")), 403)))
                .isEqualTo("admin-required");
    }

    @Test
    @DisplayName("APP-71: a person is in several departments; members are added and moved one or many at once; unknown ids and "
            + "another enterprise's members are a 400 naming them with nothing changed; leaving the enterprise leaves its departments")
    void membersInSeveralDepartments() throws Exception {
        Company c = company("多部门人员有限公司", 3);
        Company other = company("别家有限公司", 1);
        long a = create(c, "销售部", null);
        long b = create(c, "市场部", null);
        long d = create(c, "客服部", null);
        long s1 = c.staffIds().get(0);
        long s2 = c.staffIds().get(1);
        long s3 = c.staffIds().get(2);

        call("POST", c.path("/department-members"), c.admin().token(), Map.of("membershipIds", List.of(s1, s2), "departmentIds", List.of(a, b)), 200);
        JsonNode tree = tree(c);
        assertThat(ids(member(tree, s1).get("departmentIds"))).containsExactlyInAnyOrder(a, b);
        assertThat(node(tree, a).get("memberCount").asInt()).isEqualTo(2);
        assertThat(node(tree, b).get("memberCount").asInt()).isEqualTo(2);

        long foreign = other.staffIds().get(0);
        HttpResponse<String> bad = call("POST", c.path("/department-members"), c.admin().token(),
                Map.of("membershipIds", List.of(s3, foreign, 987654321L), "departmentIds", List.of(d)), 400);
        assertThat(bad.body()).contains("no member " + foreign, "no member 987654321").doesNotContain("no member " + s3 + " ");
        List<Long> tooMany = new ArrayList<>();
        for (long i = 0; i < 201; i++) {
            tooMany.add(s3);
        }
        call("POST", c.path("/department-members"), c.admin().token(), Map.of("membershipIds", tooMany, "departmentIds", List.of(d)), 400);
        assertThat(count("select count(*) from department_member where department_id = ?", d)).isZero();

        // 转移至其他部门: out of 销售部 into 客服部, still in 市场部
        call("POST", c.path("/department-members/moves"), c.admin().token(),
                Map.of("membershipIds", List.of(s1, s2), "fromDepartmentId", a, "departmentIds", List.of(d)), 200);
        tree = tree(c);
        assertThat(ids(member(tree, s1).get("departmentIds"))).containsExactlyInAnyOrder(b, d);
        assertThat(node(tree, a).get("memberCount").asInt()).isZero();
        // a member not in the source department refuses the whole move
        call("POST", c.path("/department-members/moves"), c.admin().token(),
                Map.of("membershipIds", List.of(s1, s3), "fromDepartmentId", b, "departmentIds", List.of(a)), 400);
        assertThat(ids(member(tree(c), s1).get("departmentIds"))).containsExactlyInAnyOrder(b, d);
        // without a source: out of all their departments
        call("POST", c.path("/department-members/moves"), c.admin().token(), Map.of("membershipIds", List.of(s2), "departmentIds", List.of(a)), 200);
        assertThat(ids(member(tree(c), s2).get("departmentIds"))).containsExactly(a);

        // 从本部门内删除
        call("POST", c.path("/departments/" + d + "/member-removals"), c.admin().token(), Map.of("membershipIds", List.of(s2)), 400);
        call("POST", c.path("/departments/" + d + "/member-removals"), c.admin().token(), Map.of("membershipIds", List.of(s1)), 200);
        assertThat(ids(member(tree(c), s1).get("departmentIds"))).containsExactly(b);
        assertThat(count("select count(*) from department_history where enterprise_id = ? and action in "
                + "('MEMBERS_ADDED', 'MEMBERS_MOVED_OUT', 'MEMBERS_MOVED_IN', 'MEMBERS_REMOVED')", c.id())).isEqualTo(8);

        // the staff member leaves the enterprise (APP-77): their department places go with the membership
        call("DELETE", c.path("/membership"), c.staff().get(0).token(), Map.of("confirm", true), 200);
        assertThat(count("select count(*) from department_member where membership_id = ?", s1)).isZero();
        assertThat(count("select count(*) from department_history where department_id = ? and action = 'MEMBER_LEFT'", b)).isOne();
        assertThat(node(tree(c), b).get("memberCount").asInt()).isZero();
    }

    @Test
    @DisplayName("APP-76: members the ADMIN removes from the enterprise in bulk leave all its departments in the same transaction "
            + "(MEMBER_LEFT on the ledger); a refused removal leaves every department place as it was")
    void removedMembersLeaveDepartments() throws Exception {
        Company c = company("移出企业部门有限公司", 3);
        long a = create(c, "一部", null);
        long b = create(c, "二部", a);
        call("POST", c.path("/department-members"), c.admin().token(), Map.of("membershipIds", c.staffIds(), "departmentIds", List.of(a, b)), 200);
        long adminMembership = count("select id from membership where enterprise_id = ? and role = 'ADMIN'", c.id());

        call("POST", c.path("/member-removals"), c.admin().token(),
                Map.of("membershipIds", List.of(c.staffIds().get(0), adminMembership)), 400);
        assertThat(count("select count(*) from department_member where department_id in (?, ?)", a, b)).isEqualTo(6);

        call("POST", c.path("/member-removals"), c.admin().token(), Map.of("membershipIds", c.staffIds().subList(0, 2)), 200);
        JsonNode tree = tree(c);
        assertThat(node(tree, a).get("memberCount").asInt()).isOne();
        assertThat(node(tree, b).get("memberCount").asInt()).isOne();
        assertThat(count("select count(*) from department_member where membership_id in (?, ?)", c.staffIds().get(0), c.staffIds().get(1))).isZero();
        assertThat(count("select count(*) from ledger_entry where record_type = 'department' and action = 'MEMBER_LEFT' and record_id in (?, ?)",
                Long.toString(a), Long.toString(b))).isEqualTo(4);
        call("DELETE", c.path("/departments/" + b), c.admin().token(), null, 409);
    }

    @Test
    @DisplayName("APP-74: a department is renamed and moved with its sub-departments under another parent; under itself or its own "
            + "descendant (department-cycle) or deeper than three levels (department-too-deep) is refused")
    void renameAndMove() throws Exception {
        Company c = company("部门设置有限公司", 0);
        long a = create(c, "行政部", null);
        long a1 = create(c, "行政一组", a);
        long b = create(c, "财务部", null);
        long b1 = create(c, "会计组", b);

        call("PUT", c.path("/departments/" + a + "/name"), c.admin().token(), Map.of("name", "综合部"), 200);
        assertThat(kindOf(call("PUT", c.path("/departments/" + a + "/name"), c.admin().token(), Map.of("name", "财务部"), 409)))
                .isEqualTo("department-name-taken");

        assertThat(moveTo(c, a, a, c.admin().token()).body()).contains("department-cycle");
        assertThat(moveTo(c, a, a1, c.admin().token()).body()).contains("department-cycle");
        assertThat(moveTo(c, a, b1, c.admin().token()).body()).as("行政一组 would be a fourth level").contains("department-too-deep");
        assertThat(moveTo(c, a, b1, c.admin().token()).statusCode()).isEqualTo(400);

        assertThat(moveTo(c, a, b, c.admin().token()).statusCode()).isEqualTo(200);
        JsonNode tree = tree(c);
        assertThat(node(tree, a).get("level").asInt()).isEqualTo(2);
        assertThat(node(tree, a1).get("level").asInt()).as("the subtree moves along").isEqualTo(3);
        assertThat(node(tree, b).get("children").findValuesAsText("name")).contains("综合部", "会计组");
        assertThat(moveTo(c, a, null, c.admin().token()).statusCode()).isEqualTo(200);
        assertThat(node(tree(c), a1).get("level").asInt()).isEqualTo(2);
        JsonNode history = PartyClient.json(call("GET", c.path("/departments/history"), c.admin().token(), null, 200));
        assertThat(history.findValuesAsText("action")).startsWith("MOVED", "MOVED", "RENAMED", "CREATED");
        assertThat(history.get(2).at("/detail/to").asText()).isEqualTo("综合部");
    }

    @Test
    @DisplayName("APP-74: deleting a department is refused while it has sub-departments or members (409 naming them), then allowed")
    void deleteGuarded() throws Exception {
        Company c = company("删除部门有限公司", 1);
        long a = create(c, "采购部", null);
        long a1 = create(c, "采购一组", a);
        call("POST", c.path("/department-members"), c.admin().token(), Map.of("membershipIds", List.of(c.staffIds().get(0)), "departmentIds", List.of(a1)), 200);

        HttpResponse<String> subs = call("DELETE", c.path("/departments/" + a), c.admin().token(), null, 409);
        assertThat(kindOf(subs)).isEqualTo("department-has-sub-departments");
        assertThat(subs.body()).contains("采购一组");
        HttpResponse<String> members = call("DELETE", c.path("/departments/" + a1), c.admin().token(), null, 409);
        assertThat(kindOf(members)).isEqualTo("department-has-members");
        assertThat(members.body()).contains("员工甲");
        assertThat(count("select count(*) from department where enterprise_id = ?", c.id())).isEqualTo(2);

        call("POST", c.path("/departments/" + a1 + "/member-removals"), c.admin().token(), Map.of("membershipIds", List.of(c.staffIds().get(0))), 200);
        call("DELETE", c.path("/departments/" + a1), c.admin().token(), null, 204);
        call("DELETE", c.path("/departments/" + a), c.admin().token(), null, 204);
        assertThat(count("select count(*) from department where enterprise_id = ?", c.id())).isZero();
        assertThat(count("select count(*) from ledger_entry where record_type = 'department' and action = 'DELETED' and record_id in (?, ?)",
                Long.toString(a), Long.toString(a1))).isEqualTo(2);
    }

    @Test
    @DisplayName("Racing moves (A under B, B under A, each under the other's child) leave a valid tree: no cycle, levels consistent, at most 3")
    void racingMoves() throws Exception {
        Company c = company("并发调整有限公司", 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                long a = create(c, "甲部" + round, null);
                long a1 = create(c, "甲一" + round, a);
                long b = create(c, "乙部" + round, null);
                long b1 = create(c, "乙一" + round, b);
                long[][] moves = {{a, b}, {b, a}, {a, b1}, {b, a1}, {a1, b1}, {b1, a1}, {a, b}, {b, a}};
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (long[] m : moves) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return moveTo(c, m[0], m[1], c.admin().token()).statusCode();
                    }));
                }
                start.countDown();
                Set<Integer> statuses = new HashSet<>();
                for (Future<Integer> f : results) {
                    statuses.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(statuses).containsAnyOf(200).isSubsetOf(Set.of(200, 400));
                assertValidTree(c);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void assertValidTree(Company c) {
        List<long[]> rows = tenants.callAs(TENANT, () -> data.jdbc().sql("select id, coalesce(parent_id, 0), level from department where enterprise_id = ?")
                .param(c.id()).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list());
        Map<Long, long[]> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r[0], r));
        for (long[] r : rows) {
            int steps = 0;
            for (long[] up = r; up[1] != 0; up = byId.get(up[1])) {
                assertThat(byId).as("parent of " + up[0]).containsKey(up[1]);
                assertThat(up[2]).as("level of " + up[0]).isEqualTo(byId.get(up[1])[2] + 1);
                assertThat(++steps).as("no cycle through " + r[0]).isLessThan(3);
            }
            assertThat(r[2]).as("level of " + r[0]).isEqualTo(steps + 1).isBetween(1L, 3L);
        }
    }

    @Test
    @DisplayName("APP-27: STAFF are refused changes (403 admin-required), an ADMIN made by bank transfer too (certificate-purchase-required); "
            + "another enterprise's departments are 404, a non-member and another tenant's session reach nothing")
    void whoMay() throws Exception {
        Company c = company("权限部门有限公司", 1);
        Company other = company("他人部门有限公司", 0);
        long mine = create(c, "人事部", null);
        long theirs = create(other, "法务部", null);
        AccountSessionFixture.Opened staff = c.staff().get(0);
        assertThat(kindOf(call("PUT", c.path("/departments/" + mine + "/name"), staff.token(), Map.of("name", "改名"), 403))).isEqualTo("admin-required");
        assertThat(kindOf(call("DELETE", c.path("/departments/" + mine), staff.token(), null, 403))).isEqualTo("admin-required");
        assertThat(kindOf(call("GET", c.path("/departments/history"), staff.token(), null, 403))).isEqualTo("admin-required");
        assertThat(kindOf(call("POST", c.path("/department-members"), staff.token(),
                Map.of("membershipIds", c.staffIds(), "departmentIds", List.of(mine)), 403))).isEqualTo("admin-required");

        long bankEnterprise = tenants.callAs(TENANT, () -> parties.register(
                new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "对公验证有限公司", "test", null)).id());
        AccountSessionFixture.Opened bankAdmin = accounts.openVerified(TENANT, "对公管理员");
        add(bankEnterprise, bankAdmin.accountId(), MemberRole.ADMIN, false);
        assertThat(kindOf(call("POST", "/enterprises/" + bankEnterprise + "/departments", bankAdmin.token(), Map.of("name", "部"), 403)))
                .isEqualTo("certificate-purchase-required");
        call("GET", "/enterprises/" + bankEnterprise + "/departments", bankAdmin.token(), null, 200);

        assertThat(kindOf(call("GET", c.path("/departments/" + theirs), c.admin().token(), null, 404))).isEqualTo("department-not-found");
        assertThat(kindOf(call("DELETE", c.path("/departments/" + theirs), c.admin().token(), null, 404))).isEqualTo("department-not-found");
        assertThat(kindOf(call("PUT", c.path("/departments/" + mine + "/parent"), c.admin().token(), Map.of("parentId", theirs), 400)))
                .isEqualTo("validation");
        assertThat(kindOf(call("GET", other.path("/departments"), c.admin().token(), null, 404))).isEqualTo("enterprise-not-found");
        AccountSessionFixture.Opened foreign = accounts.openVerified(OTHER, "外省人");
        assertThat(client.call("GET", TENANT, c.path("/departments"), foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(kindOf(client.call("GET", OTHER, c.path("/departments"), foreign.token(), null))).isEqualTo("enterprise-not-found");
        assertThat(count("select count(*) from department where id = ? and name = '法务部'", theirs)).isOne();
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
