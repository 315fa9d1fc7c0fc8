package cn.huren.server.browser;

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
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Signing in to another platform through the tenant's OpenID Connect provider, in a real Chromium. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBrowserTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("OIDC 浏览器 CA", KeyAlgorithm.SM2);
    Browser browser;
    Issued holder;
    JsonNode client;

    @BeforeAll
    void setUp() throws Exception {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("oidcb", "jiangsu", "oidcb.localhost"));
        op.post("/api/platform/tenants/oidcb/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID_USCC)));
        holder = ca.issue(Subject.of("单点登录测试公司", null, Map.of(OID_USCC, RegisteredParties.uscc(9311))));
        PartyClient party = new PartyClient(port);
        assertThat(party.call("POST", "oidcb", "/register", party.login("oidcb", holder), null).statusCode()).isEqualTo(201);
        client = op.post("/api/platform/tenants/oidcb/oidc-clients", Map.of("name", "无锡市公共资源交易平台",
                "redirectUris", List.of(callback()))).json();
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    String callback() {
        return "http://127.0.0.1:" + port + "/oidc-callback";
    }

    @Test
    @DisplayName("APP-94: another platform's sign-in: authorize → QR login → consent naming the platform → back with a code whose ID token names the party")
    void loginConsentRedirect() throws Exception {
        String verifier = "browser-test-verifier-0123456789-abcdefghijklmnop";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        browser.go("oidcb.localhost", "/oauth2/authorize?response_type=code&client_id=" + client.get("clientId").asText()
                + "&redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8) + "&scope=openid%20profile&state=b-1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        browser.waitForPath("/login");

        PortalSignIn.scanAndConfirm(browser, "oidcb.localhost", holder);
        browser.waitForPath("/oauth2/consent");
        assertThat(browser.text("#consent-client")).contains("无锡市公共资源交易平台");
        assertThat(browser.text("#scope-profile")).contains("主体名称");
        browser.screenshot("oidc-consent");
        browser.click("#consent-allow");

        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(callback()));
        String url = browser.driver.getCurrentUrl();
        assertThat(url).contains("state=b-1").contains("code=");
        String code = url.replaceAll(".*[?&]code=([^&]+).*", "$1");

        String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8)
                + "&code_verifier=" + verifier;
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Host", "oidcb.localhost:" + port).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.get("clientId").asText() + ":"
                        + client.get("secret").asText()).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        Map<String, Object> claims = SignedJWT.parse(new ObjectMapper().readTree(token.body()).get("id_token").asText())
                .getJWTClaimsSet().getClaims();
        assertThat(claims.get("name")).isEqualTo("单点登录测试公司");
        assertThat(claims.get("iss")).isEqualTo("http://oidcb.localhost:" + port);
    }
}
