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
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
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
 * 主体登录 through the portal's platform picker: the relying parties an operator lists, the way into one of them
 * (initiate_login_uri, then the authorization code flow with PKCE and 确认授权), remembered and revoked consent.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformPickerTest {

    static final String OID = "1.2.156.10260.4.1.4";
    static final String REDIRECT = "https://rp.example.com/callback";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient sql;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Picker CA", KeyAlgorithm.RSA);
    Issued holder;
    Issued otherHolder;
    JsonNode hohhot;
    JsonNode second;
    JsonNode unlisted;
    JsonNode confidential;

    @BeforeAll
    void tenants() throws Exception {
        HttpApi op = HttpApi.operator(port);
        for (String t : List.of("pick1", "pick2")) {
            HttpApi.Reply onboarded = op.post("/api/platform/tenants", Tenants.body(t, "jiangsu", t + ".localhost"));
            assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
            op.post("/api/platform/tenants/" + t + "/cas", Map.of("name", "Picker CA", "certificate", ca.pem(),
                    "identity", Map.of("source", "OID", "oid", OID)));
        }
        holder = register("pick1", "选择平台测试公司", 9401);
        otherHolder = register("pick2", "另一租户测试公司", 9402);
        // registered in another order than the picker's: the operator's order decides
        second = created(op.post("/api/platform/tenants/pick1/oidc-clients", Map.of("name", "第二个交易平台", "redirectUris", List.of(REDIRECT),
                "publicClient", true, "listed", true, "initiateLoginUri", "https://second.example.com/login", "order", 2)));
        unlisted = created(op.post("/api/platform/tenants/pick1/oidc-clients", Map.of("name", "未列出的平台", "redirectUris", List.of(REDIRECT),
                "publicClient", true)));
        hohhot = created(op.post("/api/platform/tenants/pick1/oidc-clients", Map.of("name", "呼和浩特市公共资源交易平台",
                "redirectUris", List.of(REDIRECT), "publicClient", true, "listed", true,
                "initiateLoginUri", "https://rp.example.com/login?from=portal", "order", 1)));
        confidential = created(op.post("/api/platform/tenants/pick1/oidc-clients", Map.of("name", "带密钥的平台",
                "redirectUris", List.of(REDIRECT), "listed", true, "initiateLoginUri", "https://conf.example.com/login", "order", 3)));
    }

    @Test
    @DisplayName("NMG-07, NMG-08: after the key login the picker shows the certificate, then this portal's registry first and the listed platforms in the operator's order")
    void pickerListsInOrder() throws Exception {
        TenantBrowser browser = signedIn("pick1", holder);
        HttpResponse<String> certificate = browser.get("/platforms");
        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(certificate.body()).contains("id=\"cert-holder\"", "选择平台测试公司",
                holder.certificate().getSerialNumber().toString(16).toUpperCase(), "id=\"cert-issuer\"", "Picker CA", "id=\"cert-validity\"",
                "进入授权");

        String choose = browser.get("/platforms/choose").body();
        int registry = choose.indexOf("id=\"platform-registry\"");
        int first = choose.indexOf("呼和浩特市公共资源交易平台");
        int then = choose.indexOf("第二个交易平台");
        int third = choose.indexOf("带密钥的平台");
        assertThat(registry).isPositive();
        assertThat(first).isGreaterThan(registry);
        assertThat(then).isGreaterThan(first);
        assertThat(third).isGreaterThan(then);
        assertThat(choose).doesNotContain("未列出的平台");

        HttpResponse<String> confirm = browser.get("/platforms/registry");
        assertThat(confirm.body()).contains("id=\"confirm-login\"", "确认登录", "选择平台测试公司", "href=\"/overview\"");
    }

    @Test
    @DisplayName("NMG-08: a relying party is entered at its initiate_login_uri with the tenant's issuer; code + PKCE after 确认授权; consent is remembered")
    void initiateLoginThenCodeWithPkce() throws Exception {
        TenantBrowser browser = signedIn("pick1", holder);
        String clientId = hohhot.get("clientId").asText();
        String initiate = location(browser.get("/platforms/go/" + clientId));
        assertThat(initiate).startsWith("https://rp.example.com/login?from=portal&");
        Map<String, String> params = query(initiate);
        assertThat(params).containsEntry("iss", "http://pick1.localhost:" + port).containsEntry("target_link_uri", "https://rp.example.com/");
        assertThat(JSON.readTree(browser.get(params.get("iss") + "/.well-known/openid-configuration").body()).get("issuer").asText())
                .as("iss is the provider's issuer").isEqualTo(params.get("iss"));

        // the relying party starts the authorization code flow
        String verifier = verifier();
        HttpResponse<String> start = browser.get(authorizeUrl(clientId, verifier));
        String consentUrl = location(start);
        assertThat(consentUrl).contains("/oauth2/consent");
        HttpResponse<String> consent = browser.get(consentUrl);
        assertThat(consent.body()).contains("呼和浩特市公共资源交易平台", "确认授权");
        Map<String, String> callback = query(location(browser.post("/oauth2/authorize", Map.of("client_id", clientId,
                "state", find(consent.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile")))));
        assertThat(callback).containsEntry("state", "st-p");
        HttpResponse<String> tokens = browser.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", verifier, "client_id", clientId));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(JSON.readTree(tokens.body()).get("id_token").asText()).isNotBlank();

        // remembered: straight back with a code, no consent page
        String again = location(browser.get(authorizeUrl(clientId, verifier())));
        assertThat(again).startsWith(REDIRECT + "?code=");

        PartyClient party = new PartyClient(port);
        JsonNode consents = PartyClient.json(party.call("GET", "pick1", "/oidc-consents", party.login("pick1", holder), null));
        assertThat(consents.findValuesAsText("clientId")).contains(clientId);
        assertThat(consents.toString()).contains("呼和浩特市公共资源交易平台", "openid", "grantedAt");
        assertThat(browser.get("/platforms/choose").body()).contains("id=\"revoke-" + clientId + "\"");
    }

    @Test
    @DisplayName("NMG-08: revoking a consent (portal page, CSRF) ends the platform's tokens and brings the consent page back; the ledger records it")
    void revocationOnThePortal() throws Exception {
        TenantBrowser browser = signedIn("pick1", holder);
        String clientId = second.get("clientId").asText();
        String verifier = verifier();
        String consentUrl = location(browser.get(authorizeUrl(clientId, verifier)));
        HttpResponse<String> consent = browser.get(consentUrl);
        Map<String, String> callback = query(location(browser.post("/oauth2/authorize", Map.of("client_id", clientId,
                "state", find(consent.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile")))));
        String access = JSON.readTree(browser.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", verifier, "client_id", clientId)).body()).get("access_token").asText();
        assertThat(browser.bearer("/userinfo", access).statusCode()).isEqualTo(200);

        String page = browser.get("/platforms/choose").body();
        assertThat(location(browser.post("/platforms/consents/" + clientId + "/revoke", Map.of()))).as("no CSRF token: refused")
                .endsWith("/login/next");
        assertThat(browser.get("/platforms/choose").body()).contains("id=\"revoke-" + clientId + "\"");
        HttpResponse<String> revoked = browser.post("/platforms/consents/" + clientId + "/revoke",
                Map.of("_csrf", find(page, "name=\"_csrf\" value=\"([^\"]+)\"")));
        assertThat(location(revoked)).endsWith("/platforms/choose?revoked=" + clientId);
        assertThat(browser.get("/platforms/choose").body()).doesNotContain("id=\"revoke-" + clientId + "\"");

        assertThat(browser.bearer("/userinfo", access).statusCode()).as("the old access token").isEqualTo(401);
        assertThat(location(browser.get(authorizeUrl(clientId, verifier())))).as("asked again").contains("/oauth2/consent");
        assertThat(sql.sql("select count(*) from tenant_pick1.ledger_entry where record_type = 'oidc-consent' and action = 'REVOKE' "
                + "and record_id like ?").param("%/" + clientId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("NMG-08: revoking through the party API ends the platform's refresh and access tokens; a second revocation finds none")
    void revocationThroughTheApi() throws Exception {
        TenantBrowser browser = signedIn("pick1", holder);
        String clientId = confidential.get("clientId").asText();
        String basic = clientId + ":" + confidential.get("secret").asText();
        String verifier = verifier();
        HttpResponse<String> consent = browser.get(location(browser.get(authorizeUrl(clientId, verifier))));
        Map<String, String> callback = query(location(browser.post("/oauth2/authorize", Map.of("client_id", clientId,
                "state", find(consent.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile")))));
        JsonNode tokens = JSON.readTree(browser.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", verifier), basic).body());
        String refresh = tokens.get("refresh_token").asText();
        String access = tokens.get("access_token").asText();

        PartyClient party = new PartyClient(port);
        String token = party.login("pick1", holder);
        HttpResponse<String> deleted = party.call("DELETE", "pick1", "/oidc-consents/" + clientId, token, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(party.call("DELETE", "pick1", "/oidc-consents/" + clientId, token, null).statusCode()).isEqualTo(404);

        HttpResponse<String> refused = browser.post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh), basic);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(browser.post("/oauth2/introspect", Map.of("token", access), basic).body()).get("active").asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("a party of another tenant sees none of this tenant's platforms and cannot be sent to them")
    void otherTenantSeesNone() throws Exception {
        TenantBrowser browser = signedIn("pick2", otherHolder);
        String choose = browser.get("/platforms/choose").body();
        assertThat(choose).contains("id=\"platform-registry\"").doesNotContain("呼和浩特市公共资源交易平台", "第二个交易平台");
        assertThat(browser.get("/platforms/go/" + hohhot.get("clientId").asText()).statusCode()).isEqualTo(404);
        PartyClient party = new PartyClient(port);
        String token = party.login("pick2", otherHolder);
        assertThat(PartyClient.json(party.call("GET", "pick2", "/oidc-consents", token, null)).size()).isZero();
        assertThat(party.call("DELETE", "pick2", "/oidc-consents/" + hohhot.get("clientId").asText(), token, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("NMG-07: a browser not signed in with a key goes to the certificate login and comes back to the picker")
    void onlyCertificateSessions() throws Exception {
        TenantBrowser browser = new TenantBrowser(port, "pick1.localhost");
        assertThat(location(browser.get("/platforms"))).endsWith("/login");
        assertThat(location(browser.signIn("pick1", holder))).endsWith("/login/next");
        assertThat(location(browser.get("/login/next"))).endsWith("/platforms");
        assertThat(browser.get("/platforms").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("NMG-07: a session of an identity platform (no key) is sent to the certificate login with a message, not to the picker")
    void identitySessionNeedsKey() throws Exception {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.with(Tenants.body("pick4", "jiangsu", "pick4.localhost"), "config",
                Map.of("sufubanSandbox", true, "sufubanClientId", "p4-demo", "sufubanClientSecret", "p4-secret"))).status()).isEqualTo(201);
        TenantBrowser browser = new TenantBrowser(port, "pick4.localhost");
        Map<String, String> sufuban = query(location(browser.get("/api/t/pick4/plugins/jiangsu/login/sufuban/start")));
        String callback = location(browser.post("/api/t/pick4/plugins/jiangsu/sandbox/approve", Map.of("client_id", sufuban.get("client_id"),
                "redirect_uri", sufuban.get("redirect_uri"), "state", sufuban.get("state"), "code_challenge", sufuban.get("code_challenge"),
                "person", "320102198503120039")));
        assertThat(location(browser.get(callback))).endsWith("/login/next");

        assertThat(location(browser.get("/platforms"))).endsWith("/login");
        assertThat(browser.get("/login").body()).contains("login-notice", "进入授权前，请先使用CA锁或移动证书登录");
        assertThat(location(browser.get("/platforms/choose"))).endsWith("/login");
    }

    @Test
    @DisplayName("operator API: listed needs an initiate login URI (https, http only on localhost), order 0–9999; bad input changes nothing")
    void operatorInputChecks() {
        HttpApi op = HttpApi.operator(port);
        int before = op.get("/api/platform/tenants/pick2/oidc-clients").json().size();
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("listed", true),
                Map.of("listed", true, "initiateLoginUri", "http://rp.example.com/login"),
                Map.of("initiateLoginUri", "javascript:alert(1)"),
                Map.of("initiateLoginUri", "https://rp.example.com/login#x"),
                Map.of("initiateLoginUri", "https://rp.example.com/login", "order", -1))) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "检查", "redirectUris", List.of(REDIRECT)));
            body.putAll(bad);
            HttpApi.Reply refused = op.post("/api/platform/tenants/pick2/oidc-clients", body);
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).contains("problem+json");
        }
        assertThat(op.get("/api/platform/tenants/pick2/oidc-clients").json().size()).as("nothing registered").isEqualTo(before);

        JsonNode rp = created(op.post("/api/platform/tenants/pick2/oidc-clients", Map.of("name", "本地平台", "redirectUris", List.of(REDIRECT),
                "initiateLoginUri", "http://rp.localhost:9000/login")));
        String path = "/api/platform/tenants/pick2/oidc-clients/" + rp.get("clientId").asText();
        assertThat(rp.get("listed").asBoolean()).isFalse();
        assertThat(op.patch(path, Map.of("initiateLoginUri", "ftp://x/")).status()).isEqualTo(400);
        assertThat(op.patch(path, Map.of("initiateLoginUri", "", "listed", true)).status()).isEqualTo(400);
        assertThat(op.patch(path, Map.of("order", 10000)).status()).isEqualTo(400);
        JsonNode unchanged = op.get("/api/platform/tenants/pick2/oidc-clients").json();
        assertThat(unchanged.toString()).contains("http://rp.localhost:9000/login");
        HttpApi.Reply listed = op.patch(path, Map.of("listed", true, "order", 5));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("listed").asBoolean()).isTrue();
        assertThat(listed.json().get("order").asInt()).isEqualTo(5);
        assertThat(listed.json().get("initiateLoginUri").asText()).isEqualTo("http://rp.localhost:9000/login");
        assertThat(op.patch("/api/platform/tenants/pick1/oidc-clients/" + rp.get("clientId").asText(), Map.of("listed", false)).status())
                .as("another tenant's client").isEqualTo(404);
        assertThat(op.patch(path, Map.of("listed", false)).json().get("listed").asBoolean()).isFalse();
        assertThat(op.get("/api/platform/operations?action=oidc-client.listing&target=pick2").body()).contains("oidc-client.listing");
    }

    @Test
    @DisplayName("NMG-07: where the tenant sets core.platformPicker.afterLogin, a key login lands on the picker; otherwise on the overview")
    void landingAfterKeyLogin() throws Exception {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.patch("/api/platform/tenants/pick2/config", Map.of("core.platformPicker.afterLogin", true)).status()).isEqualTo(200);
        TenantBrowser browser = signedIn("pick2", otherHolder);
        assertThat(location(browser.get("/login/next"))).endsWith("/platforms");
        assertThat(op.patch("/api/platform/tenants/pick2/config", Map.of("core.platformPicker.afterLogin", false)).status()).isEqualTo(200);
        assertThat(location(signedIn("pick2", otherHolder).get("/login/next"))).endsWith("/overview");
    }

    @Test
    @DisplayName("the registry path of the picker is a per-tenant core setting, checked as a path on the portal")
    void registryPathSetting() throws Exception {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.patch("/api/platform/tenants/pick2/config", Map.of("core.platformPicker.registryPath", "https://evil.example.com/"))
                .status()).isEqualTo(400);
        assertThat(op.patch("/api/platform/tenants/pick2/config", Map.of("core.platformPicker.registryPath", "//evil.example.com/x"))
                .status()).isEqualTo(400);
        HttpApi.Reply set = op.patch("/api/platform/tenants/pick2/config", Map.of("core.platformPicker.registryPath", "/registry"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(signedIn("pick2", otherHolder).get("/platforms/registry").body()).contains("href=\"/registry\"");
    }

    @Test
    @DisplayName("the console sets a relying party's listing: checked like the API, listed after a good form")
    void consoleListing() throws Exception {
        String clientId = unlisted.get("clientId").asText();
        String page = console("GET", "/console/tenants/pick1/oidc", null).body();
        assertThat(page).contains("id=\"listing-" + clientId + "\"", "initiate_login_uri");
        HttpResponse<String> refused = console("POST", "/console/tenants/pick1/oidc/clients/" + clientId + "/listing", "listed=true&order=1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"oidc-errors\"");
        HttpResponse<String> saved = console("POST", "/console/tenants/pick1/oidc/clients/" + clientId + "/listing",
                "listed=true&order=9&initiateLoginUri=" + enc("https://later.example.com/login"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(signedIn("pick1", holder).get("/platforms/choose").body()).contains("未列出的平台");
        console("POST", "/console/tenants/pick1/oidc/clients/" + clientId + "/listing", "order=9&initiateLoginUri=");
        assertThat(signedIn("pick1", holder).get("/platforms/choose").body()).doesNotContain("未列出的平台");
    }

    private HttpResponse<String> console(String method, String path, String form) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth);
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(form));
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired
    DemoRelyingParties demo;

    @Autowired
    cn.huren.server.tenancy.TenantDirectory directory;

    @Test
    @DisplayName("demo mode: a plugin's demo relying party is registered once (public, on the tenant's origin, listed) and its client id written into the plugin's configuration")
    void demoRelyingParty() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body("pick3", "jiangsu", "pick3.localhost")).status()).isEqualTo(201);
        cn.huren.server.tenancy.TenantDescriptor pick3 = directory.byCode("pick3").orElseThrow();
        cn.huren.plugin.api.DemoRelyingParty declared = new cn.huren.plugin.api.DemoRelyingParty("演示交易平台", "/p/jiangsu/demo-rp/callback",
                "/p/jiangsu/demo-rp/login", true, "sufubanClientId");

        String clientId = demo.register(pick3, declared, 0);
        assertThat(demo.register(pick3, declared, 0)).as("kept across restarts").isEqualTo(clientId);

        JsonNode clients = op.get("/api/platform/tenants/pick3/oidc-clients").json();
        assertThat(clients.size()).isEqualTo(1);
        JsonNode rp = clients.get(0);
        assertThat(rp.get("clientId").asText()).isEqualTo(clientId);
        assertThat(rp.get("publicClient").asBoolean()).isTrue();
        assertThat(rp.get("listed").asBoolean()).isTrue();
        assertThat(rp.get("redirectUris").get(0).asText()).isEqualTo("http://pick3.localhost:" + port + "/p/jiangsu/demo-rp/callback");
        assertThat(rp.get("initiateLoginUri").asText()).isEqualTo("http://pick3.localhost:" + port + "/p/jiangsu/demo-rp/login");
        assertThat(op.get("/api/platform/tenants/pick3").json().get("config").get("sufubanClientId").asText()).isEqualTo(clientId);
    }

    private Issued register(String tenant, String name, int n) throws Exception {
        Issued issued = ca.issue(Subject.of(name, null, Map.of(OID, RegisteredParties.uscc(n))));
        PartyClient party = new PartyClient(port);
        HttpResponse<String> registered = party.call("POST", tenant, "/register", party.login(tenant, issued), null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return issued;
    }

    private TenantBrowser signedIn(String tenant, Issued who) throws Exception {
        TenantBrowser browser = new TenantBrowser(port, tenant + ".localhost");
        assertThat(location(browser.signIn(tenant, who))).endsWith("/login/next");
        return browser;
    }

    private static JsonNode created(HttpApi.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static String authorizeUrl(String clientId, String verifier) throws Exception {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc("openid profile") + "&state=st-p&nonce=n-p&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
    }

    static String verifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
