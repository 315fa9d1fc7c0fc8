package cn.huren.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.AccountSessionFixture;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * what the host tells a plugin about the signed-in user ({@code PortalUser}) follows the core's access checks: a
 * party only where the tenant's login policy lets this way of signing in read, {@code mayWrite} only where it may write;
 * the Inner Mongolia plugin refuses its changes to a session that may only read.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginPortalUserAccessTest {

    /** Accounts read, only certificates (and password logins) write. */
    static final String READS = "ppur";
    /** The default policy: accounts reach nothing of the registry. */
    static final String STRICT = "ppus";
    static final ObjectMapper JSON = new ObjectMapper();

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

    AccountSessionFixture accounts;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body(READS, "neimenggu"), "config", Map.of("regionCode", "150100", "hohhotSandbox", true,
                "hohhotOidcClientId", "hohhot-test-rp", "hohhotSyncClientId", "hohhot-test-sync",
                "core.loginPolicy.registryRead", "certificate,password,sms",
                "core.loginPolicy.registryWrite", "certificate,password"))).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants", Tenants.body(STRICT, "neimenggu")).status()).isEqualTo(201);
        accounts = new AccountSessionFixture(tenants, data, transactions, clock);
    }

    HttpResponse<String> call(String method, String tenant, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/plugins/neimenggu" + path))
                .header("Content-Type", "application/json").method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String code(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        return body.path("type").asText().replace("urn:huren:problem:", "");
    }

    void refusedWrite(String tenant, String token) throws Exception {
        for (String[] change : new String[][] {{"POST", "/me/registry/submission"}, {"POST", "/me/sync"},
                {"POST", "/me/documents/pledge/seal"}, {"PUT", "/me/hohhot-copy"}}) {
            HttpResponse<String> r = call(change[0], tenant, change[1], token);
            assertThat(r.statusCode()).as(change[1] + " " + r.body()).isEqualTo(403);
            assertThat(code(r)).as(change[1]).isEqualTo("write-not-allowed");
        }
    }

    @Test
    @DisplayName("X-05: a real-name-verified account's SMS session reads its person's data through the plugin, but changes nothing (403 write-not-allowed)")
    void accountReadsButDoesNotWrite() throws Exception {
        AccountSessionFixture.Opened sms = accounts.openVerified(READS, "账户甲");

        JsonNode who = JSON.readTree(call("GET", READS, "/me/whoami", sms.token()).body());
        assertThat(who.get("partyId").asLong()).isEqualTo(sms.partyId());
        assertThat(who.get("mayWrite").asBoolean()).isFalse();
        assertThat(who.get("certificateSession").asBoolean()).isFalse();
        assertThat(call("GET", READS, "/me/documents", sms.token()).statusCode()).isEqualTo(200);
        refusedWrite(READS, sms.token());

        // the same person by password, which this tenant lets write: past the write gate (to the plugin's own order of steps)
        tenants.callAs(READS, () -> data.jdbc().sql("update party_session set login_method = 'password' where account_id = ?")
                .param(sms.accountId()).update());
        HttpResponse<String> sync = call("POST", READS, "/me/sync", sms.token());
        assertThat(code(sync)).as(sync.body()).isNotEqualTo("write-not-allowed");
    }

    @Test
    @DisplayName("X-05: where the tenant's policy keeps accounts off the registry, the plugin is told of no party; another tenant's token is no one")
    void policyAndTenant() throws Exception {
        AccountSessionFixture.Opened strict = accounts.openVerified(STRICT, "账户乙");
        HttpResponse<String> documents = call("GET", STRICT, "/me/documents", strict.token());
        assertThat(documents.statusCode()).as(documents.body()).isEqualTo(409);
        assertThat(code(documents)).isEqualTo("not-registered");
        refusedSubmission(STRICT, strict.token());

        AccountSessionFixture.Opened other = accounts.openVerified(READS, "账户丙");
        assertThat(call("GET", STRICT, "/me/documents", other.token()).statusCode()).isEqualTo(401);
        assertThat(call("POST", STRICT, "/me/sync", other.token()).statusCode()).isEqualTo(401);
    }

    void refusedSubmission(String tenant, String token) throws Exception {
        HttpResponse<String> r = call("POST", tenant, "/me/registry/submission", token);
        assertThat(r.statusCode()).as(r.body()).isIn(403, 409);
        assertThat(code(r)).isNotEqualTo("write-not-allowed").isIn("intake-order", "not-registered");
    }
}
