package cn.huren.server.oidc;

import static cn.huren.server.oidc.TenantBrowser.find;
import static cn.huren.server.oidc.TenantBrowser.location;
import static cn.huren.server.oidc.TenantBrowser.query;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sandbox of Hohhot's platform as an OpenID Connect relying party of an Inner Mongolia tenant (NMG-11): its
 * initiate-login URI starts code + PKCE at the portal, the portal signs the party in and asks consent, the sandbox
 * exchanges the code server-side and shows 第三方交易平台信息确认, then 确认登录 lands on its member home page.
 * (Package oidc: it drives the browser with the provider tests' TenantBrowser.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HohhotRelyingPartyTest {

    static final String TENANT = "hhrp";
    static final String SANDBOX = "/api/t/" + TENANT + "/plugins/neimenggu/sandbox/hohhot/";

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    cn.huren.server.tenancy.TenantDirectory tenants;
    @org.springframework.beans.factory.annotation.Autowired
    cn.huren.server.tenancy.TenantData data;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Hohhot RP CA", KeyAlgorithm.RSA);
    Issued holder;
    String clientId;

    @BeforeAll
    void tenant() throws Exception {
        HttpApi op = HttpApi.operator(port);
        HttpApi.Reply onboarded = op.post("/api/platform/tenants", Tenants.with(Tenants.body(TENANT, "neimenggu", TENANT + ".localhost"),
                "config", Map.of("regionCode", "150100", "hohhotSandbox", true)));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        PartyClient.trust(port, TENANT, ca);
        holder = PartyClient.enterpriseCertificate(ca, "呼市测试建设有限公司", RegisteredParties.uscc(9411));
        PartyClient party = new PartyClient(port);
        String token = party.login(TENANT, holder);
        assertThat(party.call("POST", TENANT, "/register", token, null).statusCode()).isEqualTo(201);
        // NMG-02: Hohhot's login needs the steps before it — bound here and 验证通过 in the registry (as the intake would record them)
        long partyId = PartyClient.json(party.call("GET", TENANT, "", token, null)).at("/party/id").asLong();
        String fingerprint = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(holder.certificate().getEncoded()));
        cn.huren.server.tenancy.TenantContext.runAs(tenants.require(TENANT), () -> {
            data.jdbc().sql("""
                            insert into nmg_ca_binding (party_id, fingerprint, serial, issuer, holder_name, mobile, email, status, bound_at)
                            values (?, ?, ?, ?, ?, '13900009411', 'rp@example.com', 'ACTIVE', now())""")
                    .params(partyId, fingerprint, holder.certificate().getSerialNumber().toString(16).toUpperCase(),
                            holder.certificate().getIssuerX500Principal().getName(), "呼市测试建设有限公司").update();
            data.jdbc().sql("insert into nmg_intake (party_id, validated_at, validated_version, updated_at) values (?, now(), 1, now())")
                    .param(partyId).update();
        });
        HttpApi.Reply created = op.post("/api/platform/tenants/" + TENANT + "/oidc-clients", Map.of("name", "呼和浩特市公共资源交易平台（新版）",
                "redirectUris", List.of("http://" + TENANT + ".localhost:" + port + SANDBOX + "callback"), "scopes", List.of("openid", "profile"),
                "publicClient", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        clientId = created.json().get("clientId").asText();
        assertThat(op.patch("/api/platform/tenants/" + TENANT + "/config", Map.of("hohhotOidcClientId", clientId)).status()).isBetween(200, 204);
    }

    @Test
    @DisplayName("NMG-11: Hohhot's login through the portal: authorization code + PKCE as a public client, consent, 第三方交易平台信息确认, 确认登录; the home page shows the account once activated")
    void logInToHohhotThroughThePortal() throws Exception {
        TenantBrowser browser = new TenantBrowser(port, TENANT + ".localhost");
        HttpResponse<String> start = browser.get(SANDBOX + "login?iss=" + URLEncoder.encode(browser.origin(), StandardCharsets.UTF_8));
        String authorize = location(start);
        assertThat(authorize).startsWith(browser.origin() + "/oauth2/authorize?");
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("client_id", clientId).containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", browser.origin() + SANDBOX + "callback").containsKeys("state", "nonce", "code_challenge");
        assertThat(request).doesNotContainKey("client_secret");

        // the portal: sign in with the key, then consent (确认授权) naming the platform
        HttpResponse<String> toLogin = browser.get(authorize);
        assertThat(location(toLogin)).endsWith("/login/next");
        browser.get(location(toLogin));
        browser.signIn(TENANT, holder);
        String back = location(browser.get("/login/next"));
        String consentUrl = location(browser.get(back));
        HttpResponse<String> consent = browser.get(consentUrl);
        assertThat(consent.body()).contains("呼和浩特市公共资源交易平台（新版）");
        String callback = location(browser.post("/oauth2/authorize", Map.of("client_id", clientId,
                "state", find(consent.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile"))));
        assertThat(callback).startsWith(browser.origin() + SANDBOX + "callback?code=");

        HttpResponse<String> confirmation = browser.get(callback);
        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(200);
        assertThat(confirmation.body()).contains("第三方交易平台信息确认", "呼市测试建设有限公司", "确认登录", "id=\"confirm-login\"");
        String partyRef = find(confirmation.body(), "id=\"party-ref\">(party-[0-9]+)<");
        HttpResponse<String> home = browser.post(SANDBOX + "confirm", Map.of("ticket", find(confirmation.body(), "name=\"ticket\" value=\"([^\"]+)\"")));
        assertThat(home.statusCode()).isEqualTo(200);
        // NMG-12: the plugin activated the party at Hohhot before the code went back (HohhotActivation): the account is there
        assertThat(home.body()).contains("呼和浩特市公共资源交易平台（新版）— 已登录", "id=\"member-account\">HHHT-").doesNotContain("未激活");

        // activating again changes nothing (idempotent by partyRef)
        HttpResponse<String> activated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + SANDBOX + "members/activations"))
                .header("Authorization", "Bearer hohhot-sandbox").header("X-Huren-Tenant", TENANT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"partyRef":"%s","kind":"ENTERPRISE","name":"呼市测试建设有限公司","uscc":"%s",
                         "certificate":{"serial":"%s","fingerprint":"%s"}}""".formatted(partyRef, RegisteredParties.uscc(9411),
                        holder.certificate().getSerialNumber().toString(16).toUpperCase(), "0".repeat(64)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);

        // consent is remembered: the second login goes straight back to Hohhot
        String again = location(browser.get(location(browser.get(SANDBOX + "login"))));
        assertThat(again).startsWith(browser.origin() + SANDBOX + "callback?code=");
        HttpResponse<String> second = browser.get(again);
        HttpResponse<String> secondHome = browser.post(SANDBOX + "confirm", Map.of("ticket", find(second.body(), "name=\"ticket\" value=\"([^\"]+)\"")));
        assertThat(secondHome.body()).contains("id=\"member-account\">HHHT-" + String.format("%06d", Long.parseLong(partyRef.substring("party-".length()))) + "<")
                .doesNotContain("未激活");
    }

    @Test
    @DisplayName("the callback refuses a replayed or foreign state, and a login started for another issuer; nothing is confirmed")
    void refusals() throws Exception {
        TenantBrowser browser = new TenantBrowser(port, TENANT + ".localhost");
        assertThat(browser.get(SANDBOX + "login?iss=" + URLEncoder.encode("http://evil.localhost:1", StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        String state = query(location(browser.get(SANDBOX + "login"))).get("state");

        TenantBrowser other = new TenantBrowser(port, TENANT + ".localhost");
        HttpResponse<String> foreign = other.get(SANDBOX + "callback?code=x&state=" + state);
        assertThat(foreign.statusCode()).as("another browser's state").isEqualTo(400);
        assertThat(foreign.body()).contains("id=\"error\"");
        assertThat(browser.get(SANDBOX + "callback?code=x&state=" + state).statusCode()).as("taken by the foreign attempt: single use")
                .isEqualTo(400);
        assertThat(browser.post(SANDBOX + "confirm", Map.of("ticket", "nonsense")).statusCode()).isEqualTo(400);
    }
}
