package cn.huren.server.claim;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.AccountSessionFixture.Opened;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.login.PartyClient;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** Searching enterprises and claiming them: the claim's checks, one open claim per USCC, review, completion by certificate. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsTest {

    static final String TENANT = "clm1";
    static final String OTHER = "clm2";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

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
    String ca;

    @BeforeAll
    void setUp() throws Exception {
        new Applicants(port, TENANT).onboard();
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(OTHER, "shanxi"));
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        tx = new TransactionTemplate(transactions);
        client = new PartyClient(port);
        JsonNode choices = PartyClient.json(call("GET", "/enterprise-claims/choices", accounts.openVerified(TENANT, "选择").token(), null, 200));
        assertThat(choices.get("platform").asText()).isEqualTo(TENANT);
        ca = choices.get("cas").get(0).asText();
    }

    // ---- search ---------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("APP-12: search by part of the full name (any case) or exact USCC, at most 20; an enterprise without an ADMIN offers "
            + "CLAIM and BANK_TRANSFER, one with its ADMIN JOIN, BUY_CERTIFICATE and BANK_TRANSFER; only name, USCC, registered and actions")
    void search() throws Exception {
        Opened person = accounts.openVerified(TENANT, "查询人");
        String free = Applicants.uscc();
        String taken = Applicants.uscc();
        long freeId = enterprise("检索Zeta甲有限公司", free);
        long takenId = enterprise("检索Zeta乙有限公司", taken);
        tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(takenId, accounts.openVerified(TENANT, "管").accountId(),
                MemberRole.ADMIN, true, "TEST", "test", Map.of())));

        JsonNode found = PartyClient.json(call("GET", "/enterprise-search?q=zeta", person.token(), null, 200));
        assertThat(found.findValuesAsText("name")).containsExactlyInAnyOrder("检索Zeta甲有限公司", "检索Zeta乙有限公司");
        JsonNode unregistered = found.get(0).get("uscc").asText().equals(free) ? found.get(0) : found.get(1);
        JsonNode registered = found.get(0).get("uscc").asText().equals(taken) ? found.get(0) : found.get(1);
        assertThat(unregistered.get("registered").asBoolean()).isFalse();
        assertThat(unregistered.get("actions").toString()).isEqualTo("[\"CLAIM\",\"BANK_TRANSFER\"]");
        assertThat(registered.get("registered").asBoolean()).isTrue();
        assertThat(registered.get("actions").toString()).isEqualTo("[\"JOIN\",\"BUY_CERTIFICATE\",\"BANK_TRANSFER\"]");
        List<String> fields = new ArrayList<>();
        unregistered.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsAnyOf("name").isSubsetOf("name", "uscc", "registered", "actions", "enterpriseId");
        assertThat(unregistered.path("enterpriseId").isNull() || unregistered.path("enterpriseId").isMissingNode())
                .as("APP-12: an unregistered enterprise is claimed by its USCC, not its id").isTrue();
        assertThat(registered.get("enterpriseId").asLong()).as("APP-19: the join request names it").isEqualTo(takenId);

        JsonNode byUscc = PartyClient.json(call("GET", "/enterprise-search?q=" + taken.toLowerCase(), person.token(), null, 200));
        assertThat(byUscc.findValuesAsText("uscc")).containsExactly(taken);
        assertThat(PartyClient.json(call("GET", "/enterprise-search?q=%E6%A3%80%E7%B4%A2Zeta%25", person.token(), null, 200))).isEmpty();
        for (int i = 0; i < 21; i++) {
            enterprise("多结果Omega" + i + "有限公司", Applicants.uscc());
        }
        assertThat(PartyClient.json(call("GET", "/enterprise-search?q=OMEGA", person.token(), null, 200))).hasSize(20);
        assertThat(kindOf(call("GET", "/enterprise-search?q=Z", person.token(), null, 400))).isEqualTo("validation");
        assertThat(kindOf(call("GET", "/enterprise-search?q=zeta", accounts.open(TENANT).token(), null, 403))).isEqualTo("real-name-required");
        assertThat(freeId).isPositive();
    }

    // ---- the claim's checks ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("APP-14, APP-15, APP-16, X-08: a claim needs every document and choice — each missing or wrong field is named "
            + "(USCC, ID number, mobile, licence validity, platform, CA, 1–5 years, regions, another person's letter or licence) and nothing is written")
    void validation() throws Exception {
        Opened person = accounts.openVerified(TENANT, "校验人");
        Opened stranger = accounts.openVerified(TENANT, "旁人");
        JsonNode empty = PartyClient.json(call("POST", "/enterprise-claims", person.token(), Map.of(), 400));
        assertThat(empty.findValuesAsText("field")).contains("enterpriseName", "uscc", "licenceId", "legalRepresentativeName",
                "legalRepresentativeDocumentType", "legalRepresentativeMobile", "licenceValidUntil", "platform", "ca", "validityYears", "letterId");

        String foreignLetter = letter(stranger);
        String foreignLicence = document(stranger);
        Map<String, Object> bad = body(person, "校验有限公司", "91320000000000000I");
        bad.put("legalRepresentativeDocumentNumber", "110101199003070000");
        bad.put("legalRepresentativeMobile", "12345678901");
        bad.put("licenceValidUntil", "2001-01-01");
        bad.put("validityYears", 6);
        bad.put("roamingRegions", List.of("99"));
        bad.put("platform", OTHER);
        bad.put("ca", "某个不认识的 CA");
        bad.put("letterId", foreignLetter);
        bad.put("extraDocumentIds", List.of(foreignLicence));
        JsonNode errors = PartyClient.json(call("POST", "/enterprise-claims", person.token(), bad, 400));
        assertThat(errors.findValuesAsText("field")).contains("uscc", "legalRepresentativeDocumentNumber", "legalRepresentativeMobile",
                "licenceValidUntil", "validityYears", "roamingRegions", "platform", "ca", "letterId", "extraDocumentIds");
        assertThat(errors.findValuesAsText("code")).contains("letter-not-found", "document-not-found", "licence-expired");

        Map<String, Object> licenceOfAnother = body(person, "校验有限公司", Applicants.uscc());
        licenceOfAnother.put("licenceId", foreignLicence);
        licenceOfAnother.put("licenceLongTerm", true);
        licenceOfAnother.put("licenceValidUntil", "2040-01-01");
        assertThat(PartyClient.json(call("POST", "/enterprise-claims", person.token(), licenceOfAnother, 400)).findValuesAsText("field"))
                .containsExactlyInAnyOrder("licenceId", "licenceValidUntil");
        assertThat(count("select count(*) from enterprise_claim where account_id = ?", person.accountId())).isZero();
        assertThat(count("select count(*) from review_item where kind = 'enterprise-claim' and submitted_by = ?", "account:" + person.accountId()))
                .isZero();
    }

    // ---- completion by certificate --------------------------------------------------------------------------------

    @Test
    @DisplayName("APP-13: a person claims an enterprise not yet in the registry and proves a valid enterprise certificate of its USCC: "
            + "the enterprise is registered, the claimant its one ADMIN (via CLAIM), the open review withdrawn; a second claim is 409, nothing changed")
    void claimCompletedByCertificate() throws Exception {
        Opened person = accounts.openVerified(TENANT, "认领人");
        String uscc = Applicants.uscc();
        JsonNode claim = submit(person, "认领成功有限公司", uscc);
        long id = claim.get("id").asLong();
        assertThat(claim.get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(claim.get("proofMessage").asText()).isEqualTo("huren-claim:" + TENANT + ":" + id);
        assertThat(claim.get("legalRepresentativeDocument").asText()).doesNotContain("19491231").contains("*");
        assertThat(count("select count(*) from review_item where kind = 'enterprise-claim' and subject_ref = ? and status = 'OPEN'", "" + id)).isOne();

        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(TENANT, "ENTERPRISE", uscc, "认领成功有限公司").status()).isEqualTo(201);
        JsonNode done = PartyClient.json(call("POST", "/enterprise-claims/" + id + "/certificate-proof", person.token(),
                Map.of("certificate", key.certificate, "signature", key.sign("huren-claim:" + TENANT + ":" + id)), 200));
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        long enterprise = done.get("enterpriseId").asLong();
        assertThat(done.findValuesAsText("action")).containsExactly("SUBMITTED", "CERTIFICATE_PRESENTED");
        assertThat(count("select count(*) from membership where enterprise_id = ? and account_id = ? and role = 'ADMIN' and status = 'ACTIVE' "
                + "and via = 'CLAIM'", enterprise, person.accountId())).isOne();
        assertThat(count("select count(*) from party where id = ? and uscc = ? and kind = 'ENTERPRISE'", enterprise, uscc)).isOne();
        assertThat(count("select count(*) from review_item where kind = 'enterprise-claim' and subject_ref = ? and status = 'WITHDRAWN'", "" + id)).isOne();
        assertThat(count("select count(*) from ledger_entry where record_type = 'enterprise-claim' and record_id = ?", "" + id)).isEqualTo(2);
        JsonNode mine = PartyClient.json(call("GET", "/enterprises", person.token(), null, 200));
        assertThat(mine.findValuesAsText("uscc")).containsExactly(uscc);
        assertThat(PartyClient.json(call("GET", "/enterprise-search?q=" + uscc, person.token(), null, 200)).get(0).get("registered").asBoolean()).isTrue();

        Opened second = accounts.openVerified(TENANT, "后来者");
        assertThat(kindOf(call("POST", "/enterprise-claims", second.token(), body(second, "认领成功有限公司", uscc), 409)))
                .isEqualTo("enterprise-already-claimed");
        assertThat(kindOf(call("POST", "/enterprise-claims/" + id + "/certificate-proof", person.token(),
                Map.of("certificate", key.certificate, "signature", key.sign("huren-claim:" + TENANT + ":" + id)), 409))).isEqualTo("claim-closed");
        assertThat(count("select count(*) from enterprise_claim where uscc = ?", uscc)).isOne();
        assertThat(count("select count(*) from membership where enterprise_id = ?", enterprise)).isOne();
    }

    @Test
    @DisplayName("APP-27: the ADMIN a bank transfer made (not yet managing staff) claims its own enterprise; the certificate proof lets it "
            + "manage staff, nobody else may claim the enterprise meanwhile")
    void bankTransferAdminClaims() throws Exception {
        Opened admin = accounts.openVerified(TENANT, "打款管理员");
        Opened other = accounts.openVerified(TENANT, "旁人");
        String uscc = Applicants.uscc();
        long enterprise = tenants.callAs(TENANT, () -> tx.execute(s -> {
            long e = parties.register(new cn.huren.server.party.VerifiedIdentity(cn.huren.server.party.PartyKind.ENTERPRISE, uscc, "打款认证有限公司",
                    "test", null)).id();
            memberships.add(e, admin.accountId(), cn.huren.server.membership.MemberRole.ADMIN, false, "BANK_TRANSFER", "test", Map.of());
            return e;
        }));
        assertThat(kindOf(call("POST", "/enterprise-claims", other.token(), body(other, "打款认证有限公司", uscc), 409)))
                .isEqualTo("enterprise-already-claimed");
        long id = submit(admin, "打款认证有限公司", uscc).get("id").asLong();
        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(TENANT, "ENTERPRISE", uscc, "打款认证有限公司").status()).isEqualTo(201);
        JsonNode done = PartyClient.json(call("POST", "/enterprise-claims/" + id + "/certificate-proof", admin.token(),
                Map.of("certificate", key.certificate, "signature", key.sign("huren-claim:" + TENANT + ":" + id)), 200));
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(count("select count(*) from membership where enterprise_id = ? and account_id = ? and role = 'ADMIN' and status = 'ACTIVE' "
                + "and may_manage", enterprise, admin.accountId())).isOne();
        assertThat(count("select count(*) from membership_history where enterprise_id = ? and action = 'MAY_MANAGE'", enterprise)).isOne();
    }

    @Test
    @DisplayName("APP-13: a certificate of another USCC, a personal certificate, a signature over another message, an untrusted and an "
            + "expired certificate complete nothing; an enterprise that got its ADMIN meanwhile is 409 and the claim stays as it was")
    void proofRefused() throws Exception {
        Opened person = accounts.openVerified(TENANT, "证明人");
        String uscc = Applicants.uscc();
        long enterprise = enterprise("证明测试有限公司", uscc);
        long id = submit(person, "证明测试有限公司", uscc).get("id").asLong();
        String message = "huren-claim:" + TENANT + ":" + id;

        DemoCaClient other = new DemoCaClient(port, "SM2");
        assertThat(other.enroll(TENANT, "ENTERPRISE", Applicants.uscc(), "别的有限公司").status()).isEqualTo(201);
        assertThat(kindOf(proof(person, id, other.certificate, other.sign(message), 422))).isEqualTo("certificate-not-of-enterprise");

        DemoCaClient right = new DemoCaClient(port, "SM2");
        assertThat(right.enroll(TENANT, "ENTERPRISE", uscc, "证明测试有限公司").status()).isEqualTo(201);
        assertThat(kindOf(proof(person, id, right.certificate, right.sign("huren-claim:" + TENANT + ":" + (id + 1)), 401)))
                .isEqualTo("signature-invalid");

        DemoCertificateAuthority untrusted = DemoCertificateAuthority.root("不受信任 CA", KeyAlgorithm.EC);
        DemoCertificateAuthority.Issued stray = PartyClient.enterpriseCertificate(untrusted, "证明测试有限公司", uscc);
        assertThat(kindOf(proof(person, id, stray.pem(), HolderSignatures.sign(stray, message), 403))).isEqualTo("certificate-untrusted");

        DemoCertificateAuthority trusted = DemoCertificateAuthority.root("过期测试 CA", KeyAlgorithm.EC);
        PartyClient.trust(port, TENANT, trusted);
        DemoCertificateAuthority.Issued expired = trusted.issue(DemoCertificateAuthority.Subject.of("证明测试有限公司", null,
                        Map.of(PartyClient.IDENTITY_OID, uscc))
                .validity(Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(35))));
        assertThat(kindOf(proof(person, id, expired.pem(), HolderSignatures.sign(expired, message), 403))).isEqualTo("certificate-expired");
        assertThat(kindOf(proof(person, id, "not a certificate", "", 400))).isEqualTo("validation");

        Opened someone = accounts.openVerified(TENANT, "抢先者");
        tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, someone.accountId(), MemberRole.ADMIN, true, "TEST", "test", Map.of())));
        assertThat(kindOf(proof(person, id, right.certificate, right.sign(message), 409))).isEqualTo("enterprise-already-claimed");
        assertThat(PartyClient.json(call("GET", "/enterprise-claims/" + id, person.token(), null, 200)).get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(count("select count(*) from review_item where kind = 'enterprise-claim' and subject_ref = ? and status = 'OPEN'", "" + id)).isOne();
        assertThat(count("select count(*) from membership where enterprise_id = ? and account_id = ?", enterprise, person.accountId())).isZero();
    }

    // ---- one at a time, withdrawal, review ------------------------------------------------------------------------

    @Test
    @DisplayName("One open claim per USCC across persons (409 claim-open); the claimant withdraws (its review too), then another may claim")
    void oneOpenClaimAndWithdraw() throws Exception {
        Opened first = accounts.openVerified(TENANT, "先认领");
        Opened second = accounts.openVerified(TENANT, "再认领");
        String uscc = Applicants.uscc();
        long id = submit(first, "排队有限公司", uscc).get("id").asLong();
        assertThat(kindOf(call("POST", "/enterprise-claims", second.token(), body(second, "排队有限公司", uscc), 409))).isEqualTo("claim-open");
        assertThat(kindOf(call("POST", "/enterprise-claims", first.token(), body(first, "排队有限公司", uscc), 409))).isEqualTo("claim-open");

        assertThat(kindOf(call("POST", "/enterprise-claims/" + id + "/withdrawal", second.token(), null, 404))).isEqualTo("claim-not-found");
        JsonNode withdrawn = PartyClient.json(call("POST", "/enterprise-claims/" + id + "/withdrawal", first.token(), null, 200));
        assertThat(withdrawn.get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("proofMessage").isNull()).isTrue();
        assertThat(count("select count(*) from review_item where kind = 'enterprise-claim' and subject_ref = ? and status = 'WITHDRAWN'", "" + id)).isOne();
        assertThat(kindOf(call("POST", "/enterprise-claims/" + id + "/withdrawal", first.token(), null, 409))).isEqualTo("claim-closed");
        assertThat(submit(second, "排队有限公司", uscc).get("state").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    @DisplayName("APP-17, APP-18: the claimant follows the claim's review; on approval is told \"CA证书已通过审核\" and the claim waits for "
            + "the certificate, which completes it; a rejection is told with its reason and the rejected claim cannot complete")
    void review() throws Exception {
        Opened person = accounts.openVerified(TENANT, "审核人");
        String uscc = Applicants.uscc();
        long id = submit(person, "审核通过有限公司", uscc).get("id").asLong();
        HttpApi reviewer = Reviewers.of(port, TENANT);
        JsonNode full = reviewer.get("/api/review/" + TENANT + "/enterprise-claims/" + id).json();
        assertThat(full.get("legalRepresentativeDocumentNumber").asText()).as("the reviewer checks it against the licence")
                .isEqualTo("11010519491231002X");
        assertThat(full.get("documents")).hasSize(3);
        assertThat(reviewer.get("/api/review/" + TENANT + "/enterprise-claims/" + id + "/documents/" + full.get("documents").get(1).asText())
                .contentType()).startsWith("image/png");
        assertThat(reviewer.get("/api/review/" + TENANT + "/enterprise-claims/" + id + "/documents/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(reviewer.post("/api/review/" + TENANT + "/items/" + item(id) + "/approve", null).status()).isEqualTo(200);
        JsonNode approved = PartyClient.json(call("GET", "/enterprise-claims/" + id, person.token(), null, 200));
        assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.findValuesAsText("action")).containsExactly("SUBMITTED", "APPROVED");
        assertThat(PartyClient.json(call("GET", "/enterprise-claims", person.token(), null, 200)).findValuesAsText("state")).containsExactly("APPROVED");
        assertThat(titles(person)).containsExactly("CA证书已通过审核");

        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(TENANT, "ENTERPRISE", uscc, "审核通过有限公司").status()).isEqualTo(201);
        assertThat(PartyClient.json(proof(person, id, key.certificate, key.sign("huren-claim:" + TENANT + ":" + id), 200)).get("state").asText())
                .isEqualTo("COMPLETED");
        assertThat(titles(person)).containsExactly("企业认领成功", "CA证书已通过审核");

        Opened refused = accounts.openVerified(TENANT, "被退回");
        String other = Applicants.uscc();
        long rid = submit(refused, "审核退回有限公司", other).get("id").asLong();
        assertThat(reviewer.post("/api/review/" + TENANT + "/items/" + item(rid) + "/reject", Map.of("reason", "营业执照不清晰")).status())
                .isEqualTo(200);
        JsonNode rejected = PartyClient.json(call("GET", "/enterprise-claims/" + rid, refused.token(), null, 200));
        assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("营业执照不清晰");
        assertThat(titles(refused)).containsExactly("审核未通过：企业认领（审核退回有限公司）");
        DemoCaClient otherKey = new DemoCaClient(port, "SM2");
        assertThat(otherKey.enroll(TENANT, "ENTERPRISE", other, "审核退回有限公司").status()).isEqualTo(201);
        assertThat(kindOf(proof(refused, rid, otherKey.certificate, otherKey.sign("huren-claim:" + TENANT + ":" + rid), 409))).isEqualTo("claim-closed");
        assertThat(submit(refused, "审核退回有限公司", other).get("state").asText()).as("a rejected claim is closed: claim again").isEqualTo("SUBMITTED");
    }

    @Test
    @DisplayName("A claim is its claimant's only: another person of the tenant and any session of another tenant get 404 or 401, and can do nothing with it")
    void othersSeeNothing() throws Exception {
        Opened person = accounts.openVerified(TENANT, "本人");
        Opened neighbour = accounts.openVerified(TENANT, "邻居");
        Opened foreign = accounts.openVerified(OTHER, "外省人");
        long id = submit(person, "隐私有限公司", Applicants.uscc()).get("id").asLong();
        assertThat(kindOf(call("GET", "/enterprise-claims/" + id, neighbour.token(), null, 404))).isEqualTo("claim-not-found");
        assertThat(PartyClient.json(call("GET", "/enterprise-claims", neighbour.token(), null, 200))).isEmpty();
        assertThat(kindOf(proof(neighbour, id, "x", "eA==", 404))).isEqualTo("claim-not-found");
        HttpResponse<String> there = client.call("GET", OTHER, "/enterprise-claims/" + id, foreign.token(), null);
        assertThat(there.statusCode()).isEqualTo(404);
        assertThat(client.call("POST", OTHER, "/enterprise-claims/" + id + "/withdrawal", foreign.token(), null).statusCode()).isEqualTo(404);
        assertThat(client.call("GET", TENANT, "/enterprise-claims/" + id, foreign.token(), null).statusCode()).isEqualTo(401);
        assertThat(PartyClient.json(call("GET", "/enterprise-claims/" + id, person.token(), null, 200)).get("state").asText()).isEqualTo("SUBMITTED");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    long enterprise(String name, String uscc) {
        return tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, name, "test", null)).id());
    }

    JsonNode submit(Opened person, String name, String uscc) throws Exception {
        return PartyClient.json(call("POST", "/enterprise-claims", person.token(), body(person, name, uscc), 201));
    }

    Map<String, Object> body(Opened person, String name, String uscc) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("enterpriseName", name);
        body.put("uscc", uscc);
        body.put("licenceId", document(person));
        body.put("legalRepresentativeName", "王法人");
        body.put("legalRepresentativeDocumentType", "RESIDENT_ID");
        body.put("legalRepresentativeDocumentNumber", "11010519491231002X");
        body.put("legalRepresentativeMobile", "13800138000");
        body.put("licenceValidUntil", "2040-12-31");
        body.put("platform", TENANT);
        body.put("ca", ca);
        body.put("validityYears", 2);
        body.put("roamingRegions", List.of("32", "31"));
        body.put("letterId", letter(person));
        body.put("extraDocumentIds", List.of(document(person)));
        return body;
    }

    String letter(Opened person) throws Exception {
        return upload(person, "/letters", "授权书.png");
    }

    String document(Opened person) throws Exception {
        return upload(person, "/claim-documents", "营业执照.png");
    }

    String upload(Opened person, String path, String name) throws Exception {
        String boundary = "claim-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(PNG);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/t/" + TENANT + "/me" + path))
                .header("Authorization", "Bearer " + person.token()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r).get("id").asText();
    }

    HttpResponse<String> proof(Opened person, long id, String certificate, String signature, int expected) throws Exception {
        return call("POST", "/enterprise-claims/" + id + "/certificate-proof", person.token(),
                Map.of("certificate", certificate, "signature", signature), expected);
    }

    long item(long claimId) {
        return count("select id from review_item where kind = 'enterprise-claim' and subject_ref = ? and status = 'OPEN'", "" + claimId);
    }

    List<String> titles(Opened person) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql("select title_zh from account_notice where account_id = ? order by id desc")
                .param(person.accountId()).query(String.class).list());
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
}
