package cn.huren.server.enterprisechange;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Enterprise change (APP-62–APP-65) and dissolution (APP-66, APP-67) over the API, decided by the tenant's reviewer. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnterpriseChangeTest {

    static final String TENANT = "ech1";
    static final String OTHER = "ech2";
    static final String PASSWORD = "Dissolve2026";
    /** A tiny PNG: the sealed letter's photo. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

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
    @Autowired
    Attachments attachments;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    SmsSender sms;
    @Autowired
    cn.huren.server.ledger.ChangeLedger ledger;

    AccountSessionFixture accounts;
    TransactionTemplate tx;
    PartyClient client;
    Applicants applicants;
    HttpApi reviewer;

    @BeforeAll
    void setUp() {
        applicants = new Applicants(port, TENANT).onboard();
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(OTHER, "shanxi"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        tx = new TransactionTemplate(transactions);
        client = new PartyClient(port);
        reviewer = Reviewers.of(port, TENANT);
    }

    // ---- fixtures -------------------------------------------------------------------------------------------------

    long enterprise(String name) {
        return tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), name, "test", null)).id());
    }

    /** An enterprise registered with a demo-CA enterprise certificate (its primary); returns the party id. */
    long certifiedEnterprise(Applicants.Holder[] holder) throws Exception {
        String uscc = Applicants.uscc();
        holder[0] = applicants.enterprise(uscc);
        return count("select id from party where uscc = ?", uscc);
    }

    void add(long enterprise, long account, MemberRole role) {
        tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, role, true, "TEST", "test", Map.of())));
    }

    UUID letter(AccountSessionFixture.Opened person) {
        return tenants.callAs(TENANT, () -> attachments.store(person.partyId(), "授权书.png", PNG).id());
    }

    long count(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    String text(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(String.class).single());
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

    static Map<String, Object> representative(UUID letter) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "LEGAL_REPRESENTATIVE");
        body.put("legalRepresentativeName", "王法人");
        body.put("legalRepresentativeDocumentType", "RESIDENT_ID");
        body.put("legalRepresentativeDocument", "110105198001010016");
        body.put("legalRepresentativeMobile", "13812345678");
        body.put("letterId", letter);
        return body;
    }

    /** The open queue item of the enterprise change. */
    long item(long changeId) {
        return count("select id from review_item where kind = 'enterprise-change' and subject_ref = ? and status = 'OPEN'", Long.toString(changeId));
    }

    // ---- change ---------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("APP-62: a change is refused (409 unfinished-matters, listing each) while the enterprise has an open matter — here a "
            + "change in review — and so is the dissolution; withdrawn, the next change may be submitted")
    void refusedWithAnOpenMatter() throws Exception {
        long e = enterprise("未办结事项有限公司");
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员丙");
        add(e, admin.accountId(), MemberRole.ADMIN);
        long first = PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 201))
                .get("id").asLong();

        HttpResponse<String> refused = call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 409);
        assertThat(kindOf(refused)).isEqualTo("unfinished-matters");
        assertThat(PartyClient.json(refused).get("errors").findValuesAsText("field")).containsExactly("enterprise-change-open");
        assertThat(kindOf(call("POST", "/enterprises/" + e + "/dissolution", admin.token(),
                Map.of("password", PASSWORD, "code", "123456", "confirm", true), 409))).isEqualTo("unfinished-matters");
        assertThat(PartyClient.json(call("GET", "/enterprises/" + e + "/change-preconditions", admin.token(), null, 200))
                .get("unfinishedMatters").size()).isOne();
        assertThat(count("select count(*) from enterprise_change where enterprise_id = ?", e)).isOne();

        call("POST", "/enterprises/" + e + "/changes/" + first + "/withdrawal", admin.token(), null, 200);
        assertThat(count("select count(*) from review_item where kind = 'enterprise-change' and subject_ref = ? and status = 'WITHDRAWN'",
                Long.toString(first))).isOne();
        call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 201);
    }

    @Test
    @DisplayName("APP-65: a legal-representative change (no certificate) needs only the sealed letter and the reviewer: STAFF is refused "
            + "(403 admin-required), a bad ID number is a field error, approved it is applied to the enterprise's basic information and the "
            + "ADMIN is told; the reviewer reads the request in full and its letter (another tenant's reviewer cannot); a rejection is told "
            + "with its reason; another tenant's session sees nothing")
    void legalRepresentativeChange() throws Exception {
        long e = enterprise("法人变更有限公司");
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员甲");
        AccountSessionFixture.Opened staff = accounts.openVerified(TENANT, "员工乙");
        AccountSessionFixture.Opened foreign = accounts.openVerified(OTHER, "外省人");
        add(e, admin.accountId(), MemberRole.ADMIN);
        add(e, staff.accountId(), MemberRole.STAFF);

        assertThat(kindOf(call("POST", "/enterprises/" + e + "/changes", staff.token(), representative(letter(staff)), 403)))
                .isEqualTo("admin-required");
        Map<String, Object> bad = representative(letter(admin));
        bad.put("legalRepresentativeDocument", "110105198001010017");
        assertThat(PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), bad, 400)).get("errors")
                .findValuesAsText("field")).containsExactly("legalRepresentativeDocument");
        Map<String, Object> noLetter = representative(null);
        assertThat(PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), noLetter, 400)).toString())
                .contains("letter-required");
        assertThat(count("select count(*) from enterprise_change where enterprise_id = ?", e)).isZero();

        // the enterprise's own basic information (ORD-06), saved before the change: it follows the approved change
        tenants.callAs(TENANT, () -> tx.execute(s -> data.jdbc().sql("insert into enterprise_profile (enterprise_id, section, content, version, "
                + "updated_at, updated_by) values (?, 'BASIC', '{\"address\": \"太原\", \"legalRepresentative\": \"旧法人\"}'::jsonb, 1, now(), 'test')")
                .param(e).update()));
        JsonNode change = PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 201));
        assertThat(change.get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(change.toString()).doesNotContain("110105198001010016", "13812345678");
        long id = change.get("id").asLong();
        assertThat(client.call("GET", OTHER, "/enterprises/" + e + "/changes/" + id, foreign.token(), null).statusCode()).isEqualTo(404);
        assertThat(client.call("GET", TENANT, "/enterprises/" + e + "/changes/" + id, foreign.token(), null).statusCode()).isEqualTo(401);

        HttpApi.Reply full = reviewer.get("/api/review/" + TENANT + "/enterprise-changes/" + id);
        assertThat(full.status()).as(full.body()).isEqualTo(200);
        assertThat(full.json().get("legalRepresentativeDocument").asText()).as("the reviewer reads the number in full")
                .isEqualTo("110105198001010016");
        HttpApi.Reply letter = reviewer.get(full.json().get("letterPath").asText());
        assertThat(letter.status()).isEqualTo(200);
        assertThat(letter.contentType()).startsWith("image/png");
        assertThat(Reviewers.of(port, OTHER).get("/api/review/" + TENANT + "/enterprise-changes/" + id).status())
                .as("another tenant's reviewer").isEqualTo(403);

        long noticesBefore = count("select count(*) from account_notice where account_id = ?", admin.accountId());
        HttpApi.Reply approved = reviewer.post("/api/review/" + TENANT + "/items/" + item(id) + "/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        JsonNode now = PartyClient.json(call("GET", "/enterprises/" + e + "/changes/" + id, staff.token(), null, 200));
        assertThat(now.get("state").asText()).isEqualTo("APPROVED");
        String info = text("select basic_info from party where id = ?", e);
        assertThat(info).contains("\"legalRepresentative\":\"王法人\"", "RESIDENT_ID").doesNotContain("110105198001010016", "13812345678");
        assertThat(text("select name from party where id = ?", e)).isEqualTo("法人变更有限公司");
        assertThat(text("select content->>'legalRepresentative' || ' v' || version from enterprise_profile where enterprise_id = ? "
                + "and section = 'BASIC'", e)).isEqualTo("王法人 v2");
        assertThat(count("select count(*) from account_notice where account_id = ? and kind = 'REVIEW_APPROVED'", admin.accountId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from account_notice where account_id = ?", admin.accountId())).isEqualTo(noticesBefore + 1);
        assertThat(count("select count(*) from ledger_entry where record_type = 'enterprise-change' and record_id = ?", Long.toString(id)))
                .isEqualTo(2);
        assertThat(count("select count(*) from ledger_entry where record_type = 'party' and record_id = ? and action = 'ENTERPRISE_CHANGE'",
                Long.toString(e))).isOne();

        long second = PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 201))
                .get("id").asLong();
        assertThat(reviewer.post("/api/review/" + TENANT + "/items/" + item(second) + "/reject", Map.of("reason", "授权书未盖章")).status())
                .isEqualTo(200);
        JsonNode rejected = PartyClient.json(call("GET", "/enterprises/" + e + "/changes/" + second, admin.token(), null, 200));
        assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("授权书未盖章");
        assertThat(text("select body_zh from account_notice where account_id = ? and kind = 'REVIEW_REJECTED'", admin.accountId()))
                .contains("授权书未盖章");
    }

    @Test
    @DisplayName("APP-63, APP-64: a name change while an enterprise certificate is valid needs the certificate chosen and the new key's "
            + "request; approved, the enterprise is renamed and the certificate's CHANGE application waits for the CA's review, an unfinished "
            + "matter (APP-62) until it is finished")
    void nameChangeWithACertificate() throws Exception {
        Applicants.Holder[] holder = new Applicants.Holder[1];
        long e = certifiedEnterprise(holder);
        long binding = count("select id from certificate_binding where party_id = ? and status = 'ACTIVE'", e);
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员丁");
        add(e, admin.accountId(), MemberRole.ADMIN);
        JsonNode pre = PartyClient.json(call("GET", "/enterprises/" + e + "/change-preconditions", admin.token(), null, 200));
        assertThat(pre.get("certificates").findValuesAsText("id")).containsExactly(Long.toString(binding));

        Map<String, Object> body = new HashMap<>();
        body.put("kind", "NAME");
        body.put("newName", "更名后科技有限公司");
        body.put("letterId", letter(admin));
        assertThat(PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), body, 400)).get("errors")
                .findValuesAsText("field")).containsExactlyInAnyOrder("certificateId", "csr");

        DemoCaClient newKey = new DemoCaClient(port, "SM2");
        body.put("certificateId", binding);
        body.put("csr", newKey.csr(newKey.key.getPrivate()));
        long id = PartyClient.json(call("POST", "/enterprises/" + e + "/changes", admin.token(), body, 201)).get("id").asLong();
        assertThat(count("select count(*) from certificate_application where party_id = ?", e)).isZero();

        HttpApi.Reply approved = reviewer.post("/api/review/" + TENANT + "/items/" + item(id) + "/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(text("select name from party where id = ?", e)).isEqualTo("更名后科技有限公司");
        JsonNode change = PartyClient.json(call("GET", "/enterprises/" + e + "/changes/" + id, admin.token(), null, 200));
        long application = change.get("applicationId").asLong();
        assertThat(text("select kind || ':' || state || ':' || replaces_binding_id from certificate_application where id = ? and party_id = ?",
                application, e)).isEqualTo("CHANGE:IN_REVIEW:" + binding);
        assertThat(count("select count(*) from review_item where kind = 'certificate-application' and subject_ref = ? and status = 'OPEN'",
                Long.toString(application))).isOne();
        // APP-62: the certificate's change in review is an unfinished matter of the enterprise now
        HttpResponse<String> open = call("POST", "/enterprises/" + e + "/changes", admin.token(), representative(letter(admin)), 409);
        assertThat(PartyClient.json(open).get("errors").findValuesAsText("field")).containsExactly("certificate-applications-open");
    }

    // ---- dissolution ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("APP-66, APP-67: dissolution is refused while a certificate is valid and enabled (409 certificates-still-valid with its "
            + "serial), then by a wrong password and a wrong SMS code; with both right every membership ends DISSOLVED and each member is "
            + "told, the enterprise's information, files and certificates are gone (its certificate logs in no more), the ledger keeps "
            + "everything; STAFF may not dissolve")
    void dissolution() throws Exception {
        Applicants.Holder[] holder = new Applicants.Holder[1];
        long e = certifiedEnterprise(holder);
        AccountSessionFixture.Opened admin = accounts.openVerified(TENANT, "管理员戊");
        AccountSessionFixture.Opened staff = accounts.openVerified(TENANT, "员工己");
        add(e, admin.accountId(), MemberRole.ADMIN);
        add(e, staff.accountId(), MemberRole.STAFF);
        tenants.callAs(TENANT, () -> tx.execute(s -> data.jdbc().sql("update account set password_hash = ? where id = ?")
                .params(passwords.encode(PASSWORD), admin.accountId()).update()));
        tenants.callAs(TENANT, () -> attachments.store(e, "营业执照.png", PNG));
        // a department and the enterprise's own information, which dissolution deletes too (APP-67)
        tenants.callAs(TENANT, () -> tx.execute(s -> {
            data.jdbc().sql("insert into department (enterprise_id, parent_id, name, level, created_at, updated_at, version) "
                    + "values (?, null, '综合部', 1, now(), now(), 0)").param(e).update();
            return data.jdbc().sql("insert into enterprise_profile (enterprise_id, section, content, version, updated_at, updated_by) "
                    + "values (?, 'CONTACT', '{\"name\": \"联系人\"}'::jsonb, 1, now(), 'test')").param(e).update();
        }));
        String serial = text("select serial from certificate_binding where party_id = ? and status = 'ACTIVE'", e);
        String path = "/enterprises/" + e + "/dissolution";

        assertThat(kindOf(call("POST", path, staff.token(), Map.of("password", PASSWORD, "code", "123456", "confirm", true), 403)))
                .isEqualTo("admin-required");
        HttpResponse<String> valid = call("POST", path, admin.token(), Map.of("password", PASSWORD, "code", "123456", "confirm", true), 409);
        assertThat(kindOf(valid)).isEqualTo("certificates-still-valid");
        assertThat(PartyClient.json(valid).get("errors").findValuesAsText("message")).containsExactly(serial);

        // the app's disable of an enterprise certificate by its administrator comes with certificate delegation (§2.6.3.4.2);
        // the certificate administration (主锁) never disables the primary, so the state is written as that disable will leave it
        tenants.callAs(TENANT, () -> tx.execute(s -> data.jdbc().sql("update certificate_binding set disabled_at = now(), disabled_by = 'test' "
                + "where party_id = ?").param(e).update()));
        assertThat(PartyClient.json(call("GET", path, admin.token(), null, 200)).get("certificates").size()).isZero();

        SentCodes codes = new SentCodes(sms, TENANT);
        HttpApi.anonymous(port).post("/api/t/" + TENANT + "/sms-codes", Map.of("phone", admin.mobile(), "purpose", "DISSOLVE_ENTERPRISE"));
        String code = codes.next(admin.mobile());
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        HttpResponse<String> wrongPassword = call("POST", path, admin.token(), Map.of("password", "Wrong2026x", "code", code, "confirm", true), 400);
        assertThat(PartyClient.json(wrongPassword).get("errors").findValuesAsText("code")).containsExactly("password-wrong");
        assertThat(kindOf(call("POST", path, admin.token(), Map.of("password", PASSWORD, "code", wrongCode, "confirm", true), 400)))
                .isEqualTo("sms-code-invalid");
        call("POST", path, admin.token(), Map.of("password", PASSWORD, "code", code, "confirm", false), 400);
        long ledgerBefore = count("select count(*) from ledger_entry");
        assertThat(count("select count(*) from membership where enterprise_id = ? and status = 'ACTIVE'", e)).isEqualTo(2);

        JsonNode done = PartyClient.json(call("POST", path, admin.token(), Map.of("password", PASSWORD, "code", code, "confirm", true), 200));
        assertThat(done.get("membershipsEnded").asInt()).isEqualTo(2);
        assertThat(done.get("certificatesVoided").get(0).asText()).isEqualTo(serial);
        assertThat(count("select count(*) from membership where enterprise_id = ? and status = 'DISSOLVED'", e)).isEqualTo(2);
        assertThat(count("select count(*) from membership where enterprise_id = ? and status = 'ACTIVE'", e)).isZero();
        for (AccountSessionFixture.Opened member : List.of(admin, staff)) {
            assertThat(text("select title_zh from account_notice where account_id = ? order by id desc limit 1", member.accountId()))
                    .isEqualTo("企业已解散");
            assertThat(PartyClient.json(call("GET", "/enterprises", member.token(), null, 200)).size()).isZero();
        }
        assertThat(text("select basic_info from party where id = ?", e)).isEqualTo("{}");
        assertThat(count("select count(*) from party where id = ? and dissolved_at is not null", e)).isOne();
        assertThat(count("select count(*) from attachment where party_id = ?", e)).isZero();
        assertThat(count("select count(*) from department where enterprise_id = ?", e)).isZero();
        assertThat(count("select count(*) from enterprise_profile where enterprise_id = ?", e)).isZero();
        assertThat(count("select count(*) from certificate_binding where party_id = ? and status <> 'VOIDED'", e)).isZero();
        assertThat(holder[0].key().login(TENANT).status()).as("the dissolved enterprise's certificate logs in no more").isEqualTo(403);
        // the ledger only grows: nothing of the enterprise's past is deleted from it
        assertThat(count("select count(*) from ledger_entry")).isGreaterThan(ledgerBefore);
        assertThat(count("select count(*) from ledger_entry where record_type = 'membership' and record_id in "
                + "(select id::text from membership where enterprise_id = ?)", e)).isEqualTo(4);
        assertThat(count("select count(*) from ledger_entry where record_type = 'enterprise' and record_id = ? and action = 'DISSOLVE'",
                Long.toString(e))).isOne();
        assertThat(tenants.callAs(TENANT, () -> ledger.verify()).intact()).isTrue();
        assertThat(client.call("POST", TENANT, path, admin.token(), Map.of("password", PASSWORD, "code", code, "confirm", true)).statusCode())
                .isEqualTo(404);
    }
}
