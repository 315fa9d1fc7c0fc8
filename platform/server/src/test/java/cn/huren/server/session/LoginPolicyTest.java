package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tenant's login policy over the party API: account sessions (password, SMS code) against a
 * Jiangsu-like tenant (the default policy) and one that lets verified accounts act for their person.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginPolicyTest {

    static final String STRICT = "lpjs";
    static final String OPEN = "lpopen";
    static final Map<String, Object> BASIC_INFO = Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五",
            "address", "南京市", "contactName", "李四", "contactPhone", "13800138000");

    @LocalServerPort
    int port;
    @Autowired
    TenantData data;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    PartyRegistration parties;
    @Autowired
    LoginPolicies policies;
    @Autowired
    JdbcClient sql;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("策略 SM2 CA", KeyAlgorithm.SM2);
    PartyClient client;
    AccountSessions accounts;
    HttpApi operator;
    long strictEnterprise;
    String strictPrimary;

    @BeforeAll
    void setUp() throws Exception {
        client = new PartyClient(port);
        accounts = new AccountSessions(data, tenants);
        operator = HttpApi.operator(port);
        HttpApi.Reply strict = operator.post("/api/platform/tenants", Tenants.body(STRICT, "jiangsu"));
        assertThat(strict.status()).as(strict.body()).isEqualTo(201);
        PartyClient.trust(port, STRICT, ca);
        HttpApi.Reply open = operator.post("/api/platform/tenants", Tenants.with(Tenants.body(OPEN, "jiangsu"), "config", Map.of(
                "core.loginPolicy.registryRead", "certificate,identity-provider,password,sms",
                "core.loginPolicy.registryWrite", "certificate, password")));
        assertThat(open.status()).as(open.body()).isEqualTo(201);
        PartyClient.trust(port, OPEN, ca);
        strictPrimary = client.enterprise(STRICT, PartyClient.enterpriseCertificate(ca, "严格有限公司", "91350100M000100Y43")).get(0);
        assertThat(call(STRICT, "PUT", "/basic-info", strictPrimary, BASIC_INFO).statusCode()).isEqualTo(200);
        strictEnterprise = json(call(STRICT, "GET", "", strictPrimary, null)).get("party").get("id").asLong();
    }

    long person(String tenant, String residentId, String name) {
        return TenantContext.callAs(tenants.byCode(tenant).orElseThrow(),
                () -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, residentId, name, "test")).id());
    }

    HttpResponse<String> call(String tenant, String method, String path, String token, Object body) throws Exception {
        return client.call(method, tenant, path, token, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r);
    }

    static void refused(HttpResponse<String> r, int status, String problem) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(json(r).get("type").asText()).isEqualTo("urn:huren:problem:" + problem);
    }

    long count(String tenant, String table) {
        return sql.sql("select count(*) from tenant_" + tenant + "." + table).query(Long.class).single();
    }

    @Test
    @DisplayName("JS-10: on Jiangsu's default policy a password or SMS session reads and writes nothing of the registry (403 certificate-required), "
            + "not even a session row naming the enterprise; nothing changed")
    void strictTenantRefusesAccounts() throws Exception {
        long person = person(STRICT, "110101199003070011", "张三");
        long account = accounts.account(STRICT, "13900000001", person);
        long records = count(STRICT, "registry_record");
        long ledger = count(STRICT, "ledger_entry");
        String basicBefore = call(STRICT, "GET", "/registration", strictPrimary, null).body();
        for (String method : List.of("password", "sms")) {
            for (Long sessionParty : new Long[] {null, person, strictEnterprise}) {
                String token = accounts.session(STRICT, account, method, sessionParty);
                refused(call(STRICT, "GET", "", token, null), 403, "certificate-required");
                refused(call(STRICT, "GET", "/records/award", token, null), 403, "certificate-required");
                refused(call(STRICT, "GET", "/registration", token, null), 403, "certificate-required");
                refused(call(STRICT, "PUT", "/basic-info", token, Map.of("roles", List.of("TENDERER"), "legalRepresentative", "冒名",
                        "address", "x", "contactName", "x", "contactPhone", "13800138001")), 403, "certificate-required");
                refused(call(STRICT, "POST", "/records/award", token, Map.of("data", Map.of("name", "x"))), 403, "certificate-required");
                refused(call(STRICT, "GET", "/certificates", token, null), 403, "certificate-required");
                refused(call(STRICT, "POST", "/register", token, null), 403, "certificate-required");
            }
        }
        assertThat(count(STRICT, "registry_record")).isEqualTo(records);
        assertThat(count(STRICT, "ledger_entry")).isEqualTo(ledger);
        assertThat(call(STRICT, "GET", "/registration", strictPrimary, null).body()).isEqualTo(basicBefore);
    }

    @Test
    @DisplayName("a tenant whose policy allows it lets a verified account read and write its own person's data, never an enterprise's, "
            + "and an SMS session only read where the policy gives SMS no write")
    void openTenantLetsVerifiedAccountsActForTheirPerson() throws Exception {
        long person = person(OPEN, "110101199003070038", "李四");
        Long enterprise = json(call(OPEN, "POST", "/register",
                client.login(OPEN, PartyClient.enterpriseCertificate(ca, "开放有限公司", "91110000802100433B")), null)).get("id").asLong();
        long account = accounts.account(OPEN, "13900000002", person);

        // even a session row naming the enterprise acts for the account's verified person only
        String password = accounts.session(OPEN, account, "password", enterprise);
        assertThat(json(call(OPEN, "GET", "", password, null)).get("party").get("id").asLong()).isEqualTo(person);
        assertThat(call(OPEN, "GET", "/records/award", password, null).statusCode()).isEqualTo(200);
        HttpResponse<String> written = call(OPEN, "PUT", "/basic-info", password, BASIC_INFO);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(sql.sql("select count(*) from tenant_" + OPEN + ".ledger_entry where actor = ?")
                .param("account:" + account + "/password").query(Long.class).single()).isPositive();

        String sms = accounts.session(OPEN, account, "sms", person);
        assertThat(call(OPEN, "GET", "/records/award", sms, null).statusCode()).isEqualTo(200);
        refused(call(OPEN, "PUT", "/basic-info", sms, BASIC_INFO), 403, "certificate-required");

        // an account "verified" as an enterprise (never made so by real-name verification) speaks for no one
        long wrong = accounts.account(OPEN, "13900000003", enterprise);
        String forged = accounts.session(OPEN, wrong, "password", enterprise);
        refused(call(OPEN, "GET", "/records/award", forged, null), 403, "real-name-required");
        refused(call(OPEN, "PUT", "/basic-info", forged, BASIC_INFO), 403, "real-name-required");

        // certificate administration stays the primary certificate's
        refused(call(OPEN, "POST", "/activation", password, Map.of("holderName", "x")), 403, "certificate-required");
        // and so do a certificate's seals, although this tenant lets the account write its person's data
        refused(call(OPEN, "DELETE", "/certificates/1/seals/1", password, null), 403, "certificate-required");
    }

    @Test
    @DisplayName("an account not yet real-name verified is refused (403 real-name-required) where the policy would let it in")
    void unverifiedAccount() throws Exception {
        long account = accounts.account(OPEN, "13900000004", null);
        String token = accounts.session(OPEN, account, "password", null);
        refused(call(OPEN, "GET", "/records/award", token, null), 403, "real-name-required");
        refused(call(OPEN, "PUT", "/basic-info", token, BASIC_INFO), 403, "real-name-required");
    }

    @Test
    @DisplayName("an account's token of one tenant is unknown on another: 401")
    void otherTenant() throws Exception {
        long account = accounts.account(OPEN, "13900000005", person(OPEN, "110101199003070054", "王五"));
        String token = accounts.session(OPEN, account, "password", null);
        assertThat(call(OPEN, "GET", "/records/award", token, null).statusCode()).isEqualTo(200);
        assertThat(call(STRICT, "GET", "/records/award", token, null).statusCode()).isEqualTo(401);
        assertThat(call(STRICT, "GET", "/account", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("a changed policy applies on the next request, and no request reads it from the database")
    void policyChangeTakesEffect() throws Exception {
        long account = accounts.account(STRICT, "13900000006", person(STRICT, "110101199003070070", "赵六"));
        String token = accounts.session(STRICT, account, "password", null);
        String sms = accounts.session(STRICT, account, "sms", null);
        refused(call(STRICT, "GET", "/records/award", token, null), 403, "certificate-required");
        try {
            assertThat(operator.patch("/api/platform/tenants/" + STRICT + "/config",
                    Map.of("core.loginPolicy.registryRead", "certificate,identity-provider,password")).status()).isEqualTo(200);
            assertThat(call(STRICT, "GET", "/records/award", token, null).statusCode()).isEqualTo(200);
            long loads = policies.loads();
            for (int i = 0; i < 5; i++) {
                assertThat(call(STRICT, "GET", "/records/award", token, null).statusCode()).isEqualTo(200);
            }
            // cached per tenant: at most one read, should the tenant directory's 30 s entry expire in between
            assertThat(policies.loads() - loads).as("policy reads for 5 requests").isLessThanOrEqualTo(1);
            refused(call(STRICT, "GET", "/records/award", sms, null), 403, "certificate-required");
            refused(call(STRICT, "PUT", "/basic-info", token, BASIC_INFO), 403, "certificate-required");
        } finally {
            Map<String, Object> reset = new HashMap<>();
            reset.put("core.loginPolicy.registryRead", null);
            assertThat(operator.patch("/api/platform/tenants/" + STRICT + "/config", reset).status()).isEqualTo(200);
        }
        refused(call(STRICT, "GET", "/records/award", token, null), 403, "certificate-required");
    }

    @Test
    @DisplayName("the policy's settings are checked on save — unknown methods, a capability without certificate, a write without its read, "
            + "accounts on the trading systems — each a 400 naming its field, nothing changed")
    void invalidPolicies() throws Exception {
        record Case(Map<String, Object> config, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("core.loginPolicy.registryRead", "certificate,fingerprint"), "config.core.loginPolicy.registryRead"),
                new Case(Map.of("core.loginPolicy.registryRead", "password,sms"), "config.core.loginPolicy.registryRead"),
                new Case(Map.of("core.loginPolicy.registryWrite", "certificate,identity-provider,password,sms"), "config.core.loginPolicy.registryWrite"),
                new Case(Map.of("core.loginPolicy.tradingSystems", "certificate,password"), "config.core.loginPolicy.tradingSystems"),
                new Case(Map.of("core.loginPolicy.tradingSystems", 1), "config.core.loginPolicy.tradingSystems"));
        String before = operator.get("/api/platform/tenants/" + STRICT).json().get("config").toString();
        for (Case c : cases) {
            HttpApi.Reply reply = operator.patch("/api/platform/tenants/" + STRICT + "/config", c.config());
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().findValuesAsText("field")).as(reply.body()).contains(c.field());
        }
        assertThat(operator.get("/api/platform/tenants/" + STRICT).json().get("config").toString()).isEqualTo(before);
        HttpApi.Reply onboarding = operator.post("/api/platform/tenants", Tenants.with(Tenants.body("lpbad", "jiangsu"), "config",
                Map.of("core.loginPolicy.registryRead", "sms")));
        assertThat(onboarding.status()).as(onboarding.body()).isEqualTo(400);
        assertThat(operator.get("/api/platform/tenants/lpbad").status()).isEqualTo(404);
    }
}
