package cn.huren.server.enterpriseinfo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
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
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** ORD-06–08 over the API: members read, the ADMIN writes with the version it read, every change on the ledger. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnterpriseInfoTest {

    static final String TENANT = "einf1";
    static final String OTHER = "einf2";

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
    long enterprise;
    String uscc;
    AccountSessionFixture.Opened admin;
    AccountSessionFixture.Opened staff;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(OTHER, "jiangsu"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        tx = new TransactionTemplate(transactions);
        client = new PartyClient(port);
        uscc = Applicants.uscc();
        enterprise = tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, "信息维护有限公司", "test", null)).id());
        admin = accounts.openVerified(TENANT, "管理员");
        staff = accounts.openVerified(TENANT, "办事员");
        tenants.callAs(TENANT, () -> tx.execute(s -> {
            memberships.add(enterprise, admin.accountId(), MemberRole.ADMIN, false, "BANK_TRANSFER", "test", Map.of());
            return memberships.add(enterprise, staff.accountId(), MemberRole.STAFF, true, "TEST", "test", Map.of());
        }));
    }

    HttpResponse<String> call(String method, String path, String token, Object body, String ifMatch, int expected) throws Exception {
        HttpResponse<String> r = client.call(method, TENANT, "/enterprises/" + enterprise + path, token, body,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r;
    }

    static String kindOf(HttpResponse<String> r) throws Exception {
        String type = PartyClient.json(r).path("type").asText();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    long ledger(String section) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql("select count(*) from ledger_entry where record_type = 'enterprise-profile' and record_id = ?")
                .param(enterprise + ":" + section).query(Long.class).single());
    }

    @Test
    @DisplayName("ORD-06: staff read the basic information, only the ADMIN (one made by bank transfer too) saves it; a stale version is 412; "
            + "each change is on the ledger with its version; the legal representative, once set, changes only by an enterprise change")
    void basicInformation() throws Exception {
        JsonNode empty = PartyClient.json(call("GET", "/info", staff.token(), null, null, 200));
        assertThat(empty.get("version").asInt()).isZero();
        assertThat(empty.get("uscc").asText()).isEqualTo(uscc);
        Map<String, Object> info = new HashMap<>(Map.of("address", "南京市建邺区汉中门大街145号", "legalRepresentative", "王法人",
                "registeredCapitalFen", 100_000_000L, "businessScope", "软件开发", "phone", "025-84001234"));
        assertThat(kindOf(call("PUT", "/info", staff.token(), info, "\"v0\"", 403))).isEqualTo("admin-required");
        HttpResponse<String> saved = call("PUT", "/info", admin.token(), info, "\"v0\"", 200);
        assertThat(saved.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(PartyClient.json(saved).get("content").get("registeredCapitalFen").asLong()).isEqualTo(100_000_000L);
        assertThat(kindOf(call("PUT", "/info", admin.token(), info, "\"v0\"", 412))).isEqualTo("version-mismatch");
        info.put("legalRepresentative", "李新人");
        assertThat(kindOf(call("PUT", "/info", admin.token(), info, "\"v1\"", 409))).isEqualTo("legal-representative-change");
        info.put("legalRepresentative", "王法人");
        info.put("phone", "12");
        call("PUT", "/info", admin.token(), info, "\"v1\"", 400);
        JsonNode read = PartyClient.json(call("GET", "/info", staff.token(), null, null, 200));
        assertThat(read.get("version").asInt()).isOne();
        assertThat(read.get("content").get("address").asText()).isEqualTo("南京市建邺区汉中门大街145号");
        assertThat(ledger("BASIC")).isOne();
    }

    @Test
    @DisplayName("ORD-07: the invoice information: title the enterprise's name, taxpayer id the USCC by default; a special VAT invoice needs "
            + "bank, account, registered address and phone; staff see the account masked; stale version 412")
    void invoiceInformation() throws Exception {
        JsonNode empty = PartyClient.json(call("GET", "/invoice-info", staff.token(), null, null, 200));
        assertThat(empty.get("content").get("title").asText()).isEqualTo("信息维护有限公司");
        assertThat(empty.get("content").get("taxpayerId").asText()).isEqualTo(uscc);
        int v = empty.get("version").asInt();
        assertThat(PartyClient.json(call("PUT", "/invoice-info", admin.token(), Map.of("type", "SPECIAL"), "\"v" + v + "\"", 400)).toString())
                .contains("bankName", "bankAccount", "registeredAddress", "registeredPhone");
        call("PUT", "/invoice-info", admin.token(), Map.of("type", "ORDINARY", "title", "别的公司"), null, 400);
        Map<String, Object> special = Map.of("type", "SPECIAL", "bankName", "中国银行南京分行", "bankAccount", "6217 0000 1234 5678",
                "registeredAddress", "南京市建邺区", "registeredPhone", "025-84001234", "email", "fp@example.com");
        JsonNode saved = PartyClient.json(call("PUT", "/invoice-info", admin.token(), special, "\"v" + v + "\"", 200));
        assertThat(saved.get("content").get("bankAccount").asText()).isEqualTo("6217000012345678");
        assertThat(saved.get("content").get("taxpayerId").asText()).isEqualTo(uscc);
        assertThat(kindOf(call("PUT", "/invoice-info", admin.token(), special, "\"v" + v + "\"", 412))).isEqualTo("version-mismatch");
        JsonNode asStaff = PartyClient.json(call("GET", "/invoice-info", staff.token(), null, null, 200));
        assertThat(asStaff.get("content").get("bankAccount").asText()).isEqualTo("************5678");
        assertThat(ledger("INVOICE")).isOne();
    }

    @Test
    @DisplayName("ORD-08: the unit contact person (name, mobile, e-mail): staff read, the ADMIN changes it; a bad mobile is 400; another "
            + "tenant's session and a non-member see nothing")
    void contact() throws Exception {
        assertThat(kindOf(call("PUT", "/contact", staff.token(), Map.of("name", "张联系", "mobile", "13800000000"), null, 403))).isEqualTo("admin-required");
        call("PUT", "/contact", admin.token(), Map.of("name", "张联系", "mobile", "1380000"), null, 400);
        call("PUT", "/contact", admin.token(), Map.of("name", "张联系", "mobile", "13800000000", "email", "zhang@example.com"), null, 200);
        JsonNode read = PartyClient.json(call("GET", "/contact", staff.token(), null, null, 200));
        assertThat(read.get("content").get("name").asText()).isEqualTo("张联系");
        assertThat(ledger("CONTACT")).isOne();
        AccountSessionFixture.Opened outsider = accounts.openVerified(TENANT, "路人");
        AccountSessionFixture.Opened foreign = accounts.openVerified(OTHER, "外省人");
        assertThat(kindOf(call("GET", "/contact", outsider.token(), null, null, 404))).isEqualTo("enterprise-not-found");
        assertThat(client.call("GET", TENANT, "/enterprises/" + enterprise + "/contact", foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(client.call("GET", OTHER, "/enterprises/" + enterprise + "/info", foreign.token(), null).statusCode()).isEqualTo(404);
    }
}
