package cn.huren.server.oidc;

import static cn.huren.server.oidc.TenantBrowser.find;
import static cn.huren.server.oidc.TenantBrowser.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.plugins.neimenggu.NmgPeople;
import cn.huren.server.plugins.neimenggu.NmgPeople.Person;
import cn.huren.server.plugins.neimenggu.NmgPeople.Reply;
import cn.huren.server.sync.OutboxDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole Inner Mongolia path for one natural person, on a tenant wired like the demo (the plugin's Hohhot sandbox as
 * the relying party and as the receiver of the sync, reached through the real portal login, the real OpenID provider
 * and the real outbox): key login of an unregistered key → 自然人绑定 → 主体登录 (certificate, 进入授权, the picker,
 * 确认登录) → registry intake failing, then 验证通过 → Hohhot through the picker (确认授权, 第三方交易平台信息确认,
 * 确认登录: activated) → both documents sealed → sync → a registry change → re-sync while Hohhot is down, then back.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeimengguWholePathTest {

    static final String T = "nmgwp";
    static final String HOST = T + ".localhost";
    static final String SANDBOX = "/api/t/" + T + "/plugins/neimenggu/sandbox/hohhot/";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    org.springframework.context.ApplicationContext context;
    Runnable stopDelivery;

    String hohhotClient;
    NmgPeople people;

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        HttpApi.Reply onboarded = op.post("/api/platform/tenants", Tenants.with(Tenants.body(T, "neimenggu", HOST),
                "config", Map.of("regionCode", "150100", "hohhotSandbox", true,
                        "core.registration.path", "/p/neimenggu/binding", "core.platformPicker.registryPath", "/p/neimenggu/registry")));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + T + "/demo-ca", null).status()).isEqualTo(200);
        String origin = "http://" + HOST + ":" + port;
        // what demo mode registers for nmg: Hohhot's sandbox as a listed relying party, and as the API client the sync goes to
        HttpApi.Reply rp = op.post("/api/platform/tenants/" + T + "/oidc-clients", Map.of("name", "呼和浩特市公共资源交易平台（新版）",
                "redirectUris", List.of(origin + SANDBOX + "callback"), "scopes", List.of("openid", "profile"), "publicClient", true,
                "listed", true, "initiateLoginUri", origin + SANDBOX + "login"));
        assertThat(rp.status()).as(rp.body()).isEqualTo(201);
        hohhotClient = rp.json().get("clientId").asText();
        HttpApi.Reply sync = op.post("/api/platform/tenants/" + T + "/clients", Map.of("name", "呼和浩特市公共资源交易平台诚信库",
                "scopes", List.of("events:read"), "webhookUrl", "http://127.0.0.1:" + port + SANDBOX + "integrity-webhook"));
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        HttpApi.Reply configured = op.patch("/api/platform/tenants/" + T + "/config", Map.of("hohhotOidcClientId", hohhotClient,
                "hohhotSyncClientId", sync.json().get("clientId").asText(), "hohhotSandboxSyncSecret", sync.json().get("secret").asText()));
        assertThat(configured.status()).as(configured.body()).isBetween(200, 204);
        people = new NmgPeople(port, T, new SentCodes(sms, T));
        stopDelivery = OutboxDelivery.start(context);
    }

    @AfterAll
    void stop() {
        stopDelivery.run();
    }

    @Test
    @DisplayName("NMG-02, NMG-05, NMG-07, NMG-08, NMG-10, NMG-11, NMG-12, NMG-15, NMG-16, NMG-17, NMG-18, X-03, X-09: one person's whole intake — bind, 主体登录 and consent, a failed validation then 验证通过, Hohhot activation, both seals, sync; a registry change is re-synced through an outage, applied once")
    void wholePath() throws Exception {
        Person p = people.person();
        TenantBrowser browser = new TenantBrowser(port, HOST);

        // an unregistered key's login leads to 自然人绑定 (NMG-05), which shows the key's certificate
        browser.signIn(T, p.key);
        assertThat(location(browser.get("/login/next"))).endsWith("/p/neimenggu/binding");
        assertThat(browser.get("/p/neimenggu/binding").body()).contains(p.name, "确认申请");
        assertThat(p.post("/me/registry/submission", null).status()).as("NMG-02: nothing before the binding").isEqualTo(409);
        p.bind();
        Person me = p.login();
        assertThat(states(me)).containsExactly("DONE", "CURRENT", "LOCKED", "LOCKED");

        // 主体登录 (NMG-07, NMG-08): the certificate, 进入授权, the picker, the own registry's 确认登录
        browser = new TenantBrowser(port, HOST);
        browser.signIn(T, p.key);
        String certificatePage = browser.get("/platforms").body();
        assertThat(certificatePage).contains(p.name, "进入授权");
        String picker = browser.get("/platforms/choose").body();
        assertThat(picker).contains("/platforms/registry", "/platforms/go/" + hohhotClient, "呼和浩特市公共资源交易平台（新版）");
        String confirm = browser.get("/platforms/registry").body();
        assertThat(find(confirm, "id=\"confirm-login\"[^>]*href=\"([^\"]+)\"")).endsWith("/p/neimenggu/registry");
        assertThat(browser.get("/p/neimenggu/registry").statusCode()).isEqualTo(200);

        // Hohhot before 验证通过 is refused at the consent's return (NMG-02): no code reaches Hohhot
        String refusedAt = authorizeThroughPicker(browser);
        assertThat(refusedAt).contains("/platforms/refused");

        // registry intake (NMG-10): what is missing, field by field, then 验证通过
        Reply missing = me.post("/me/registry/submission", null);
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.body()).contains("fields.address");
        Reply saved = me.send("PUT", "/api/t/" + T + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市新城区全程路 1 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Reply passed = me.post("/me/registry/submission", null);
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        assertThat(passed.json().get("status").asText()).isEqualTo("验证通过");

        // Hohhot through the picker (NMG-11, NMG-12): consent remembered from the refused try? no — it was taken back;
        // the callback lands at Hohhot's 第三方交易平台信息确认 and 确认登录 shows the activated account
        String callback = authorizeThroughPicker(browser);
        assertThat(callback).contains(SANDBOX + "callback?code=");
        HttpResponse<String> confirmation = browser.get(callback);
        assertThat(confirmation.body()).contains("第三方交易平台信息确认", p.name, "确认登录");
        HttpResponse<String> home = browser.post(SANDBOX + "confirm", Map.of("ticket", find(confirmation.body(), "name=\"ticket\" value=\"([^\"]+)\"")));
        assertThat(home.body()).contains("已登录", "id=\"member-account\">HHHT-").doesNotContain("未激活");
        assertThat(states(me)).containsExactly("DONE", "DONE", "DONE", "CURRENT");

        // X-09, NMG-15, NMG-16: the sync waits for both seals
        seal(me, "pledge");
        Reply early = me.post("/me/sync", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("documents-unsealed", "平台使用告知书");
        seal(me, "notice");
        assertThat(me.get("/me/documents").body()).doesNotContain("UNSEALED");

        // the sync: through the outbox to Hohhot, applied once; the comparison shows it complete (NMG-18)
        Reply synced = me.post("/me/sync", null);
        assertThat(synced.status()).as(synced.body()).isBetween(200, 202);
        String partyRef = "party-" + me.partyId();
        await().atMost(Duration.ofSeconds(20)).until(() -> heldVersion(partyRef) == 1);
        assertThat(me.get("/me/sync/comparison").json().get("complete").asBoolean()).isTrue();
        assertThat(states(me)).containsExactly("DONE", "DONE", "DONE", "DONE");

        // NMG-17: a registry change makes Hohhot's copy out of date; it is re-synced while Hohhot is down, then back
        assertThat(me.send("PUT", "/api/t/" + T + "/me/basic-info", Map.of("roles", List.of("BIDDER"),
                "address", "呼和浩特市回民区改址路 2 号", "contactName", p.name, "contactPhone", p.mobile, "email", p.email)).status()).isEqualTo(200);
        assertThat(me.get("/me/sync").json().get("state").asText()).isEqualTo("OUT_OF_DATE");
        assertThat(states(me).get(3)).isEqualTo("CURRENT");
        assertThat(sandbox("POST", "outage?down=true").statusCode()).isEqualTo(303);
        assertThat(me.post("/me/sync", null).status()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().contains("unavailable"));
        assertThat(sandbox("POST", "outage?down=false").statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> heldVersion(partyRef) == 2);
        assertThat(outcomes().stream().filter("applied"::equals).count()).as("each version applied once: " + outcomes()).isEqualTo(2);
        assertThat(me.get("/me/sync").json().get("state").asText()).isEqualTo("CURRENT");
        JsonNode comparison = me.get("/me/sync/comparison").json();
        assertThat(comparison.get("complete").asBoolean()).as(comparison.toString()).isTrue();

        // X-10, NMG-17: Hohhot's copy is read-only, here and at Hohhot
        Reply edit = me.send("PUT", "/api/t/" + T + "/plugins/neimenggu/me/hohhot-copy", Map.of("address", "别处"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.body()).contains("hohhot-copy-read-only");

        // each state change of the plugin's records is on the tenant's own chained ledger, in the order it happened
        List<String> ledger = sql.sql("select record_type || ' ' || action from tenant_" + T + ".ledger_entry "
                + "where record_type like 'neimenggu.%' order by seq").query(String.class).list();
        assertThat(ledger).containsSubsequence("neimenggu.ca-binding BOUND", "neimenggu.registry-intake VALIDATED",
                "neimenggu.hohhot-activation ACTIVATED", "neimenggu.document-seal SEALED", "neimenggu.document-seal SEALED",
                "neimenggu.sync-run SUBMITTED", "neimenggu.sync-run SUBMITTED");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient sql;

    /** 进入授权 → Hohhot in the picker → its login → the portal's authorize (确认授权 on first consent): where the portal sends the browser. */
    private String authorizeThroughPicker(TenantBrowser browser) throws Exception {
        String initiate = location(browser.get("/platforms/go/" + hohhotClient));
        assertThat(initiate).startsWith(browser.origin() + SANDBOX + "login?iss=");
        String authorize = location(browser.get(initiate));
        HttpResponse<String> first = browser.get(authorize);
        if (first.statusCode() == 200) { // the consent page
            assertThat(first.body()).contains("确认授权", "呼和浩特市公共资源交易平台（新版）");
            return location(browser.post("/oauth2/authorize", Map.of("client_id", hohhotClient,
                    "state", find(first.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile"))));
        }
        String next = location(first);
        return next.contains("/oauth2/consent") ? consent(browser, next) : next;
    }

    private String consent(TenantBrowser browser, String consentUrl) throws Exception {
        HttpResponse<String> page = browser.get(consentUrl);
        assertThat(page.body()).contains("确认授权", "呼和浩特市公共资源交易平台（新版）");
        return location(browser.post("/oauth2/authorize", Map.of("client_id", hohhotClient,
                "state", find(page.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile"))));
    }

    private void seal(Person me, String document) {
        Reply sealed = me.post("/me/documents/" + document + "/seal", Map.of("signature", me.seal(me.bytes("/me/documents/" + document))));
        assertThat(sealed.status()).as(sealed.body()).isBetween(200, 201);
        assertThat(sealed.body()).contains("SEALED").contains("已签章");
    }

    private static List<String> states(Person me) {
        List<String> states = new ArrayList<>();
        me.get("/me/progress").json().get("steps").forEach(s -> states.add(s.get("state").asText()));
        return states;
    }

    private long heldVersion(String partyRef) throws Exception {
        HttpResponse<String> copy = sandbox("GET", "members/" + partyRef + "/integrity");
        if (copy.statusCode() != 200) {
            return -1;
        }
        JsonNode held = new com.fasterxml.jackson.databind.ObjectMapper().readTree(copy.body()).get("version");
        return held == null || held.isNull() ? 0 : held.asLong();
    }

    /** The outcome of each delivery the sandbox received, newest first (its page's rows). */
    private List<String> outcomes() throws Exception {
        Matcher m = Pattern.compile("class=\"outcome-([a-z_]+)\"").matcher(sandbox("GET", "received").body());
        List<String> outcomes = new ArrayList<>();
        while (m.find()) {
            outcomes.add(m.group(1));
        }
        return outcomes;
    }

    private HttpResponse<String> sandbox(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SANDBOX + path))
                .header("Authorization", "Bearer hohhot-sandbox").header("X-Huren-Tenant", T)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
