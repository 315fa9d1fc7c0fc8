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
import java.net.URLDecoder;
import java.net.URLEncoder;
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

/** 主体登录 on a phone: certificate → 进入授权 → the platform picker → the platform's login → 确认授权, in a real Chromium. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformPickerBrowserTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("主体登录 CA", KeyAlgorithm.SM2);
    Browser browser;
    Issued holder;
    JsonNode client;

    @BeforeAll
    void setUp() throws Exception {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("pickb", "jiangsu", "pickb.localhost"));
        op.post("/api/platform/tenants/pickb/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID_USCC)));
        op.put("/api/platform/tenants/pickb/branding", Map.of("title", "自治区公共资源交易主体信息库", "primaryColor", "#0b7a75"));
        holder = ca.issue(Subject.of("主体登录测试公司", null, Map.of(OID_USCC, RegisteredParties.uscc(9411))));
        PartyClient party = new PartyClient(port);
        assertThat(party.call("POST", "pickb", "/register", party.login("pickb", holder), null).statusCode()).isEqualTo(201);
        client = op.post("/api/platform/tenants/pickb/oidc-clients", Map.of("name", "呼和浩特市公共资源交易平台",
                "redirectUris", List.of(callback()), "publicClient", true, "listed", true,
                "initiateLoginUri", "http://127.0.0.1:" + port + "/rp-login")).json();
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    String callback() {
        return "http://127.0.0.1:" + port + "/rp-callback";
    }

    @Test
    @DisplayName("NMG-07, NMG-08: on a phone: key login → certificate details → 进入授权 → the picker (own registry first) → the platform → 确认授权 → back with a code")
    void pickerToConsentOnAPhone() throws Exception {
        browser.resize(390, 844);
        browser.go("pickb.localhost", "/platforms");
        browser.waitForPath("/login");
        PortalSignIn.scanAndConfirm(browser, "pickb.localhost", holder);
        browser.waitForPath("/platforms");
        assertThat(browser.text("#cert-holder")).contains("主体登录测试公司");
        assertThat(browser.text("#cert-serial")).isNotBlank();
        browser.screenshot("oidc-platform-certificate-phone");
        assertThat(browser.fitsWidth()).isTrue();

        browser.submit("#enter-authorization");
        browser.waitForPath("/platforms/choose");
        assertThat(browser.text("#platform-list")).contains("自治区公共资源交易主体信息库", "呼和浩特市公共资源交易平台");
        assertThat(browser.text("#platform-list").indexOf("自治区公共资源交易主体信息库"))
                .isLessThan(browser.text("#platform-list").indexOf("呼和浩特市公共资源交易平台"));
        browser.screenshot("oidc-platform-picker-phone");
        assertThat(browser.fitsWidth()).isTrue();

        String clientId = client.get("clientId").asText();
        browser.submit("#platform-" + clientId + " a");
        // the platform's login page (not served here): it got the issuer and starts the authorization code flow
        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/rp-login"));
        String initiated = URLDecoder.decode(browser.driver.getCurrentUrl(), StandardCharsets.UTF_8);
        assertThat(initiated).contains("iss=http://pickb.localhost:" + port);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("picker-browser-verifier-0123456789-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)));
        browser.go("pickb.localhost", "/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8) + "&scope=openid%20profile&state=p-1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        browser.waitForPath("/oauth2/consent");
        assertThat(browser.text("#consent-client")).contains("呼和浩特市公共资源交易平台");
        assertThat(browser.text("#consent-allow")).isEqualTo("确认授权");
        browser.screenshot("oidc-platform-consent-phone");
        assertThat(browser.fitsWidth()).isTrue();
        browser.click("#consent-allow");
        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(callback()));
        assertThat(browser.driver.getCurrentUrl()).contains("code=", "state=p-1");
    }
}
