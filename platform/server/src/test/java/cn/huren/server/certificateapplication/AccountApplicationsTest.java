package cn.huren.server.certificateapplication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.IntegrationTest;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * APP-08: a person's account applies for the person's own personal certificate once real-name verified, in a tenant
 * (Jiangsu's policy) that keeps accounts off the registry; the application goes through the same review and download.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApplicationsTest {

    static final String TENANT = "capp5";

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

    Applicants applicants;
    AccountSessionFixture accounts;

    @BeforeAll
    void setUp() {
        applicants = new Applicants(port, TENANT).onboard();
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
    }

    static Map<String, Object> personal(String kind, DemoCaClient key, Long replaces) {
        Map<String, Object> body = Applicants.application(kind, "PERSONAL", key.csr(key.key.getPrivate()), replaces);
        body.put("medium", "MOBILE");
        body.put("holderName", "王五");
        return body;
    }

    @Test
    @DisplayName("APP-08: a verified account applies for its person's personal certificate (the registry stays closed to it); "
            + "the reviewer approves, the key downloads it and it is bound to the person's party")
    void verifiedAccountApplies() throws Exception {
        AccountSessionFixture.Opened me = accounts.openVerified(TENANT, "王五", residentId());
        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(applicants.me("GET", "/registration", me.token(), null).statusCode()).as("Jiangsu: no registry for a password or SMS login")
                .isEqualTo(403);

        HttpResponse<String> applied = applicants.me("POST", "/certificate-applications", me.token(), personal("ISSUE", key, null));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        long id = PartyClient.json(applied).get("id").asLong();
        assertThat(PartyClient.json(applied).get("state").asText()).isEqualTo("IN_REVIEW");
        HttpResponse<String> mine = applicants.me("GET", "/certificate-applications", me.token(), null);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(PartyClient.json(mine).findValuesAsText("id")).containsExactly(Long.toString(id));

        assertThat(applicants.review(id, "approve", null).status()).isEqualTo(200);
        var download = applicants.download(id, key);
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        long binding = download.json().get("bindingId").asLong();
        long party = TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select party_id from certificate_binding where id = ?").param(binding).query(Long.class).single());
        assertThat(party).isEqualTo(me.partyId());
        assertThat(PartyClient.json(applicants.me("GET", "/certificate-applications/" + id, me.token(), null)).get("state").asText())
                .isEqualTo("DOWNLOADED");
    }

    @Test
    @DisplayName("APP-08: an account not yet real-name verified cannot apply (403 real-name-required); a verified one applies only "
            + "for a new personal certificate (no renewal or change, no enterprise certificate): 400 naming the field, nothing written")
    void refusals() throws Exception {
        long before = count();
        AccountSessionFixture.Opened unverified = accounts.open(TENANT);
        DemoCaClient key = new DemoCaClient(port, "SM2");
        HttpResponse<String> refused = applicants.me("POST", "/certificate-applications", unverified.token(), personal("ISSUE", key, null));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(PartyClient.json(refused).get("type").asText()).isEqualTo("urn:huren:problem:real-name-required");
        assertThat(applicants.me("GET", "/certificate-applications", unverified.token(), null).statusCode()).isEqualTo(403);

        AccountSessionFixture.Opened verified = accounts.openVerified(TENANT, "赵六");
        HttpResponse<String> renew = applicants.me("POST", "/certificate-applications", verified.token(), personal("RENEW", key, 1L));
        assertThat(renew.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(renew).findValuesAsText("field")).contains("kind");
        Map<String, Object> enterprise = personal("ISSUE", key, null);
        enterprise.put("type", "ENTERPRISE");
        HttpResponse<String> wrongType = applicants.me("POST", "/certificate-applications", verified.token(), enterprise);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(wrongType).findValuesAsText("field")).containsExactly("type");
        assertThat(count()).isEqualTo(before);
    }

    /** A valid resident ID (GB 11643) no other test uses. */
    private static String residentId() {
        String body = "320102" + "1990" + "%02d".formatted(1 + (int) (System.nanoTime() % 12)) + "15" + "%03d".formatted((int) (System.nanoTime() % 1000));
        return DemoCaClient.residentId(body);
    }

    private long count() {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc().sql("select count(*) from certificate_application")
                .query(Long.class).single());
    }
}
