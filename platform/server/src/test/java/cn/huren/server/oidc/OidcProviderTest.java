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
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenID Connect provider of each tenant, driven over real HTTP on the tenants' hosts. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcProviderTest {

    static final String OID = "1.2.156.10260.4.1.4";
    static final String REDIRECT = "https://bid.example.com/callback";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("OIDC CA", KeyAlgorithm.RSA);
    Issued holder;
    String uscc;
    JsonNode relyingParty;

    @BeforeAll
    void tenants() throws Exception {
        HttpApi op = HttpApi.operator(port);
        for (String t : List.of("oidc1", "oidc2")) {
            HttpApi.Reply onboarded = op.post("/api/platform/tenants", Tenants.body(t, "jiangsu", t + ".localhost"));
            assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
            op.post("/api/platform/tenants/" + t + "/cas", Map.of("name", "OIDC CA", "certificate", ca.pem(),
                    "identity", Map.of("source", "OID", "oid", OID)));
        }
        uscc = RegisteredParties.uscc(9301);
        holder = ca.issue(Subject.of("互认招标平台测试公司", null, Map.of(OID, uscc)));
        PartyClient party = new PartyClient(port);
        String token = party.login("oidc1", holder);
        HttpResponse<String> registered = party.call("POST", "oidc1", "/register", token, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpApi.Reply created = op.post("/api/platform/tenants/oidc1/oidc-clients", Map.of("name", "南京市公共资源交易平台",
                "redirectUris", List.of(REDIRECT), "scopes", List.of("openid", "profile")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        relyingParty = created.json();
    }

    @Test
    @DisplayName("discovery per tenant host: each tenant its own issuer and its own keys; no provider without a tenant")
    void discoveryPerTenant() throws Exception {
        JsonNode one = json(browser("oidc1").get("/.well-known/openid-configuration"));
        JsonNode two = json(browser("oidc2").get("/.well-known/openid-configuration"));
        assertThat(one.get("issuer").asText()).isEqualTo("http://oidc1.localhost:" + port);
        assertThat(two.get("issuer").asText()).isEqualTo("http://oidc2.localhost:" + port);
        assertThat(one.get("jwks_uri").asText()).isEqualTo("http://oidc1.localhost:" + port + "/oauth2/jwks");
        assertThat(one.get("code_challenge_methods_supported").toString()).contains("S256");

        List<String> kids1 = kids(jwks("oidc1"));
        List<String> kids2 = kids(jwks("oidc2"));
        assertThat(kids1).isNotEmpty().doesNotContainAnyElementsOf(kids2);
        assertThat(jwks("oidc1").getKeys().get(0).isPrivate()).isFalse();

        assertThat(HttpApi.anonymous(port).get("/.well-known/openid-configuration").status()).as("localhost: no tenant, no provider")
                .isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/oauth2/jwks").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/t/oidc1/.well-known/openid-configuration").status()).as("host form only")
                .isEqualTo(404);
    }

    @Test
    @DisplayName("APP-94: authorization code + PKCE: login with a bound certificate, consent naming the platform, ID token with party, person and acting certificate")
    void authorizationCodeWithPkce() throws Exception {
        TenantBrowser browser = browser("oidc1");
        String verifier = verifier();
        Map<String, String> callback = authorize(browser, verifier, true);
        assertThat(callback.get("state")).isEqualTo("st-1");

        HttpResponse<String> wrong = token(browser, callback.get("code"), verifier().substring(1) + "x");
        assertThat(wrong.statusCode()).as("wrong PKCE verifier").isEqualTo(400);
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_grant");

        Map<String, String> again = authorize(browser, verifier, false);
        HttpResponse<String> tokens = token(browser, again.get("code"), verifier);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse(json(tokens).get("id_token").asText());
        assertThat(verifies(idToken, jwks("oidc1"))).isTrue();
        assertThat(verifies(idToken, jwks("oidc2"))).as("another tenant's keys").isFalse();
        Map<String, Object> claims = idToken.getJWTClaimsSet().getClaims();
        assertThat(claims.get("iss")).isEqualTo("http://oidc1.localhost:" + port);
        assertThat(claims.get("aud")).isEqualTo(List.of(relyingParty.get("clientId").asText()));
        assertThat((String) claims.get("sub")).startsWith("party-");
        assertThat(claims.get("nonce")).isEqualTo("n-1");
        assertThat(claims.get("name")).isEqualTo("互认招标平台测试公司");
        assertThat(claims.get("huren_tenant")).isEqualTo("oidc1");
        assertThat((Map<String, Object>) claims.get("huren_party")).containsEntry("type", "ENTERPRISE").containsEntry("uscc", uscc)
                .containsEntry("name", "互认招标平台测试公司");
        assertThat((Map<String, Object>) claims.get("huren_person")).containsEntry("name", "互认招标平台测试公司");
        assertThat((Map<String, Object>) claims.get("huren_certificate"))
                .containsEntry("serial", holder.certificate().getSerialNumber().toString(16).toUpperCase()).containsEntry("medium", "MOBILE");
        assertThat((List<?>) claims.get("huren_delegations")).isEmpty();

        HttpResponse<String> userInfoReply = browser.bearer("/userinfo", json(tokens).get("access_token").asText());
        assertThat(userInfoReply.statusCode()).as(userInfoReply.headers() + userInfoReply.body()).isEqualTo(200);
        JsonNode userInfo = json(userInfoReply);
        assertThat(userInfo.get("sub").asText()).isEqualTo(claims.get("sub"));
        assertThat(userInfo.get("huren_party").get("uscc").asText()).isEqualTo(uscc);
        assertThat(browser("oidc2").bearer("/userinfo", json(tokens).get("access_token").asText()).statusCode())
                .as("another tenant's userinfo").isEqualTo(401);
    }

    @Test
    @DisplayName("a redirect_uri the relying party did not register is refused without redirecting; an unknown client too")
    void wrongRedirectUri() throws Exception {
        TenantBrowser browser = browser("oidc1");
        HttpResponse<String> refused = browser.get(authorizeUrl(relyingParty.get("clientId").asText(), "https://evil.example.com/cb",
                challenge(verifier())));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(browser("oidc2").get(authorizeUrl(relyingParty.get("clientId").asText(), REDIRECT, challenge(verifier())))
                .statusCode()).as("the client belongs to oidc1 only").isEqualTo(400);
    }

    @Test
    @DisplayName("APP-94: a certificate holder not registered yet gets no code: after login the portal sends it to register")
    void unregisteredHolder() throws Exception {
        TenantBrowser browser = browser("oidc1");
        String start = location(browser.get(authorizeUrl(relyingParty.get("clientId").asText(), REDIRECT, challenge(verifier()))));
        assertThat(start).endsWith("/login/next");
        Issued stranger = ca.issue(Subject.of("未注册公司", null, Map.of(OID, RegisteredParties.uscc(9302))));
        assertThat(location(browser.signIn("oidc1", stranger))).endsWith("/login/next");
        assertThat(location(browser.get("/login/next"))).endsWith("/register");
    }

    @Test
    @DisplayName("JS-14: a person signed in through 苏服办 alone gets no code: the provider sends the browser to the certificate login with a message")
    void identitySessionNeedsCertificate() throws Exception {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", cn.huren.server.Tenants.with(Tenants.body("oidc3", "jiangsu", "oidc3.localhost"), "config",
                Map.of("sufubanSandbox", true, "sufubanClientId", "o3-demo", "sufubanClientSecret", "o3-secret"))).status()).isEqualTo(201);
        JsonNode rp = op.post("/api/platform/tenants/oidc3/oidc-clients", Map.of("name", "泰州交易平台", "redirectUris", List.of(REDIRECT),
                "scopes", List.of("openid", "profile"))).json();
        TenantBrowser browser = browser("oidc3");
        Map<String, String> sufuban = query(location(browser.get("/api/t/oidc3/plugins/jiangsu/login/sufuban/start")));
        String callback = location(browser.post("/api/t/oidc3/plugins/jiangsu/sandbox/approve", Map.of("client_id", sufuban.get("client_id"),
                "redirect_uri", sufuban.get("redirect_uri"), "state", sufuban.get("state"), "code_challenge", sufuban.get("code_challenge"),
                "person", "320102198503120039")));
        assertThat(location(browser.get(callback))).endsWith("/login/next");
        assertThat(browser.get("/overview").body()).contains("张三");

        String sent = location(browser.get(authorizeUrl(rp.get("clientId").asText(), REDIRECT, challenge(verifier()))));

        assertThat(sent).endsWith("/login").doesNotContain("code=");
        assertThat(browser.get("/login").body()).contains("login-notice", "请先使用移动证书或CA锁登录");
    }

    @Test
    @DisplayName("X-03: a trading system's API client takes a client-credentials token and calls v1 of its own tenant only")
    void clientCredentials() throws Exception {
        JsonNode client = HttpApi.operator(port).post("/api/platform/tenants/oidc1/clients",
                Map.of("name", "交易系统", "scopes", List.of("registry:read"))).json();
        String basic = client.get("clientId").asText() + ":" + client.get("secret").asText();
        TenantBrowser one = browser("oidc1");
        HttpResponse<String> issued = one.post("/oauth2/token", Map.of("grant_type", "client_credentials"), basic);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String token = json(issued).get("access_token").asText();
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("scope")).containsExactly("registry:read");

        assertThat(one.bearer("/api/t/oidc1/v1/parties?uscc=" + uscc, token).statusCode()).isEqualTo(200);
        assertThat(browser("oidc2").bearer("/api/t/oidc2/v1/parties?uscc=" + uscc, token).statusCode())
                .as("a token of oidc1 on oidc2").isEqualTo(401);
        assertThat(browser("oidc2").post("/oauth2/token", Map.of("grant_type", "client_credentials"), basic).statusCode())
                .as("the client does not exist on oidc2").isEqualTo(401);
        assertThat(one.post("/oauth2/token", Map.of("grant_type", "client_credentials"), client.get("clientId").asText() + ":wrong")
                .statusCode()).isEqualTo(401);
        assertThat(one.bearer("/api/t/oidc1/v1/parties?uscc=" + uscc, token.substring(0, token.length() - 3) + "abc").statusCode())
                .as("a tampered token").isEqualTo(401);

        // the disable forgets the client's cached row before it answers: its tokens are refused at once
        HttpApi.operator(port).post("/api/platform/tenants/oidc1/clients/" + client.get("clientId").asText() + "/disable", null);
        assertThat(one.bearer("/api/t/oidc1/v1/parties?uscc=" + uscc, token).statusCode()).as("a disabled client's token")
                .isEqualTo(401);
    }

    @Test
    @DisplayName("X-11: key rotation: new tokens are signed with the new key, old ones stay verifiable until their key is retired; operations are logged")
    void keyRotation() throws Exception {
        JsonNode client = HttpApi.operator(port).post("/api/platform/tenants/oidc2/clients",
                Map.of("name", "轮换测试", "scopes", List.of("registry:read"))).json();
        String basic = client.get("clientId").asText() + ":" + client.get("secret").asText();
        TenantBrowser two = browser("oidc2");
        String before = json(two.post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "registry:read"), basic))
                .get("access_token").asText();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        HttpApi.Reply rotated = HttpApi.operator(port).post("/api/platform/tenants/oidc2/oidc-keys/rotate", null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String newKid = rotated.json().get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid).startsWith("oidc2-");
        assertThat(kids(jwks("oidc2"))).contains(oldKid, newKid);

        String after = json(two.post("/oauth2/token", Map.of("grant_type", "client_credentials"), basic)).get("access_token").asText();
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(two.bearer("/api/t/oidc2/v1/parties?uscc=" + uscc, before).statusCode()).as("old key still published").isEqualTo(404);
        assertThat(two.bearer("/api/t/oidc2/v1/parties?uscc=" + uscc, after).statusCode()).isEqualTo(404);

        assertThat(HttpApi.operator(port).post("/api/platform/tenants/oidc2/oidc-keys/" + newKid + "/retire", null).status())
                .as("the active key cannot be retired").isEqualTo(409);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants/oidc2/oidc-keys/" + oldKid + "/retire", null).status()).isEqualTo(200);
        assertThat(kids(jwks("oidc2"))).containsExactly(newKid);
        assertThat(two.bearer("/api/t/oidc2/v1/parties?uscc=" + uscc, before).statusCode()).as("retired key").isEqualTo(401);
        assertThat(two.bearer("/api/t/oidc2/v1/parties?uscc=" + uscc, after).statusCode()).isEqualTo(404);

        String log = HttpApi.operator(port).get("/api/platform/operations?target=oidc2").body();
        assertThat(log).contains("oidc-key.rotate", "oidc-key.retire");
        String created = HttpApi.operator(port).get("/api/platform/operations?action=oidc-client.create&target=oidc1").body();
        assertThat(created).contains("oidc-client.create").doesNotContain("secret\"");
    }

    @Test
    @DisplayName("relying parties: redirect URIs must be https (http only on localhost), scopes must include openid; the secret is shown once")
    void registration() {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants/oidc2/oidc-clients", Map.of("name", "x", "redirectUris", List.of("http://bid.example.com/cb")))
                .status()).isEqualTo(400);
        assertThat(op.post("/api/platform/tenants/oidc2/oidc-clients", Map.of("name", "x", "redirectUris", List.of(REDIRECT),
                "scopes", List.of("profile"))).status()).isEqualTo(400);
        java.util.List<String> withNull = new java.util.ArrayList<>(java.util.Arrays.asList("openid", null));
        assertThat(op.post("/api/platform/tenants/oidc2/oidc-clients", Map.of("name", "x", "redirectUris", List.of(REDIRECT),
                "scopes", withNull)).status()).as("a null scope is bad input, not a 500").isEqualTo(400);
        java.util.List<String> longUris = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> "https://bid.example.com/" + "c".repeat(440) + i).toList();
        assertThat(op.post("/api/platform/tenants/oidc2/oidc-clients", Map.of("name", "长地址", "redirectUris", longUris)).status())
                .as("five redirect URIs of up to 500 characters fit").isEqualTo(201);
        JsonNode pub = op.post("/api/platform/tenants/oidc2/oidc-clients", Map.of("name", "公开客户端",
                "redirectUris", List.of("http://localhost:3000/cb"), "publicClient", true)).json();
        assertThat(pub.get("secret").isNull()).isTrue();
        assertThat(pub.get("publicClient").asBoolean()).isTrue();
        JsonNode listed = op.get("/api/platform/tenants/oidc2/oidc-clients").json();
        assertThat(listed.findValuesAsText("clientId")).contains(pub.get("clientId").asText());
        assertThat(listed.toString()).doesNotContain("secret");
        assertThat(op.get("/api/platform/tenants/oidc1/oidc-clients").json().findValuesAsText("clientId"))
                .doesNotContain(pub.get("clientId").asText());
    }

    @Test
    @DisplayName("X-11: the console lists a tenant's issuer, relying parties and keys, registers one (secret shown once) and logs it")
    void consolePage() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/console/tenants/oidc1/oidc"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("http://oidc1.localhost:" + port, relyingParty.get("clientId").asText(), "ACTIVE");
        HttpResponse<String> created = consolePost(auth, "name=" + enc("苏州交易平台") + "&redirectUris="
                + enc("https://sz.example.com/cb\nhttps://sz.example.com/cb2"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("id=\"issued-secret\"", "苏州交易平台", "https://sz.example.com/cb2");
        HttpResponse<String> refused = consolePost(auth, "name=x&redirectUris=" + enc("ftp://x"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"oidc-errors\"").doesNotContain("id=\"issued-secret\"");
    }

    /** The console's relying-party form, posted with Basic credentials (a script: no CSRF token needed). */
    private HttpResponse<String> consolePost(String auth, String form) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/console/tenants/oidc1/oidc/clients"))
                .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("JS-81: voiding a certificate ends the relying parties' authorizations made with it: its refresh token is refused, its access token introspects inactive")
    void voidEndsAuthorizations() throws Exception {
        String uscc2 = RegisteredParties.uscc(9303);
        Issued primary = PartyClient.enterpriseCertificate(ca, "互认作废测试公司", uscc2);
        Issued second = PartyClient.enterpriseCertificate(ca, "互认作废测试公司", uscc2);
        PartyClient party = new PartyClient(port);
        List<String> sessions = party.enterprise("oidc1", primary, second);
        TenantBrowser browser = browser("oidc1");
        String verifier = verifier();
        HttpResponse<String> tokens = token(browser, authorize(browser, verifier, true, second).get("code"), verifier);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String refresh = json(tokens).get("refresh_token").asText();
        String access = json(tokens).get("access_token").asText();
        HttpResponse<String> refreshed = refresh(browser, refresh);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        access = json(refreshed).get("access_token").asText();
        refresh = json(refreshed).has("refresh_token") ? json(refreshed).get("refresh_token").asText() : refresh;
        assertThat(json(introspect(browser, access)).get("active").asBoolean()).isTrue();
        String refreshToken = refresh;
        cn.huren.server.tenancy.TenantDescriptor oidc1 = directory.byCode("oidc1").orElseThrow();
        org.springframework.security.oauth2.server.authorization.OAuth2Authorization inFlight = cn.huren.server.tenancy.TenantContext.callAs(
                oidc1, () -> authorizations.findByToken(refreshToken, org.springframework.security.oauth2.server.authorization.OAuth2TokenType.REFRESH_TOKEN));
        assertThat(sql.sql("select certificate_fingerprint from tenant_oidc1.oauth2_authorization where id = ?").param(inFlight.getId())
                .query(String.class).single()).as("the acting certificate, in its own column").hasSize(64);

        // as in CertificateVoidTest: the entries are listed in binding order, the primary first
        long secondId = PartyClient.json(party.call("GET", "oidc1", "/certificates", sessions.get(0), null)).get(1).get("id").asLong();
        String evidence = party.upload("oidc1", sessions.get(0), "proof.pdf", "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes());
        HttpResponse<String> voided = party.call("POST", "oidc1", "/certificates/" + secondId + "/void", sessions.get(0),
                Map.of("reason", "经办人离职", "evidence", evidence));
        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(200);

        HttpResponse<String> refused = refresh(browser, refresh);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(introspect(browser, access)).get("active").asBoolean()).isFalse();

        // a refresh grant that read the authorization before the void and saves it after: it does not come back
        cn.huren.server.tenancy.TenantContext.callAs(oidc1, () -> {
            authorizations.save(inFlight);
            return null;
        });
        assertThat(cn.huren.server.tenancy.TenantContext.callAs(oidc1, () -> authorizations.findById(inFlight.getId()))).isNull();
        assertThat(refresh(browser, refresh).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> refresh(TenantBrowser browser, String refreshToken) throws Exception {
        return browser.post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                relyingParty.get("clientId").asText() + ":" + relyingParty.get("secret").asText());
    }

    private HttpResponse<String> introspect(TenantBrowser browser, String token) throws Exception {
        return browser.post("/oauth2/introspect", Map.of("token", token),
                relyingParty.get("clientId").asText() + ":" + relyingParty.get("secret").asText());
    }

    /** Drives the browser from the authorize request to the callback; the first time it signs in and consents, later it goes straight back. */
    private Map<String, String> authorize(TenantBrowser browser, String verifier, boolean firstTime) throws Exception {
        return authorize(browser, verifier, firstTime, holder);
    }

    private Map<String, String> authorize(TenantBrowser browser, String verifier, boolean firstTime, Issued holder) throws Exception {
        String clientId = relyingParty.get("clientId").asText();
        String url = authorizeUrl(clientId, REDIRECT, challenge(verifier));
        HttpResponse<String> start = browser.get(url);
        if (firstTime) {
            assertThat(location(start)).isEqualTo("http://oidc1.localhost:" + port + "/login/next");
            assertThat(location(browser.get(location(start)))).endsWith("/login");
            assertThat(location(browser.signIn("oidc1", holder))).endsWith("/login/next");
            String back = location(browser.get("/login/next"));
            assertThat(back).as("back to the authorization request").isEqualTo(browser.origin() + url);
            start = browser.get(back);
        } else {
            // consent given before: straight back to the platform
            return query(location(start));
        }
        String consentUrl = location(start);
        assertThat(consentUrl).contains("/oauth2/consent");
        HttpResponse<String> consent = browser.get(consentUrl);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("南京市公共资源交易平台");
        assertThat(consent.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("form-action 'self' https://bid.example.com");
        Map<String, String> consentQuery = query(consentUrl);
        String callback = location(browser.post("/oauth2/authorize", Map.of("client_id", clientId,
                "state", find(consent.body(), "name=\"state\" value=\"([^\"]+)\""), "scope", List.of("openid", "profile"))));
        assertThat(consentQuery).containsKey("state");
        assertThat(callback).startsWith(REDIRECT + "?");
        return query(callback);
    }

    private String authorizeUrl(String clientId, String redirect, String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(redirect)
                + "&scope=" + enc("openid profile") + "&state=st-1&nonce=n-1&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private HttpResponse<String> token(TenantBrowser browser, String code, String verifier) throws Exception {
        return browser.post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier), relyingParty.get("clientId").asText() + ":" + relyingParty.get("secret").asText());
    }

    private TenantBrowser browser(String tenant) {
        return new TenantBrowser(port, tenant + ".localhost");
    }

    private JWKSet jwks(String tenant) throws Exception {
        return JWKSet.parse(browser(tenant).get("/oauth2/jwks").body());
    }

    private static List<String> kids(JWKSet set) {
        return set.getKeys().stream().map(k -> k.getKeyID()).toList();
    }

    private static boolean verifies(SignedJWT jwt, JWKSet keys) throws Exception {
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new RSASSAVerifier(key));
    }

    private static String verifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @org.springframework.beans.factory.annotation.Autowired
    TenantAuthorizations authorizations;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient sql;

    @org.springframework.beans.factory.annotation.Autowired
    cn.huren.server.tenancy.TenantDirectory directory;

    @Test
    @DisplayName("authorizations whose tokens all expired over an hour ago are purged; live ones and consents in progress stay")
    void expiredAuthorizationsArePurged() {
        String insert = "insert into tenant_oidc2.oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, "
                + "access_token_expires_at, refresh_token_expires_at) values (?, 'rp', 'party-1', 'client_credentials', "
                + "now() + ?::interval, now() + ?::interval)";
        sql.sql(insert).params("purge-old", "-2 hours", "-90 minutes").update();
        sql.sql(insert).params("purge-refreshable", "-2 hours", "+1 day").update();
        sql.sql(insert).params("purge-live", "+5 minutes", "+1 day").update();
        sql.sql("insert into tenant_oidc2.oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type, state) "
                + "values ('purge-consent', 'rp', 'party-1', 'authorization_code', 'st')").update();

        int purged = cn.huren.server.tenancy.TenantContext.callAs(directory.byCode("oidc2").orElseThrow(), authorizations::purgeExpired);

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(sql.sql("select id from tenant_oidc2.oauth2_authorization where id like 'purge-%' order by id").query(String.class).list())
                .containsExactly("purge-consent", "purge-live", "purge-refreshable");
    }
}
