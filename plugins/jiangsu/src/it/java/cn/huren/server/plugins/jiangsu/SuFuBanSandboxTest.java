package cn.huren.server.plugins.jiangsu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo's stand-in for 苏服办: the whole login on one machine, and where it does not exist. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuFuBanSandboxTest {

    private static final String START = "/api/t/sfbx/plugins/jiangsu/login/sufuban/start";
    private static final String SANDBOX = "/api/t/sfbx/plugins/jiangsu/sandbox/";

    @LocalServerPort
    int port;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.with(Tenants.body("sfbx", "jiangsu"), "config",
                Map.of("sufubanSandbox", true, "sufubanClientId", "sfbx-demo", "sufubanClientSecret", "sfbx-secret")));
        op.post("/api/platform/tenants", Tenants.body("sfby", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("sfsx", "shanxi"));
    }

    @Test
    @DisplayName("JS-13: with the sandbox, picking a test person signs the browser in end to end (authorize page, code, token with PKCE, user info)")
    void pickATestPerson() {
        BrowserSession browser = browser();
        BrowserSession.Page start = browser.get(START);
        assertThat(start.location()).startsWith("http://127.0.0.1:" + port + SANDBOX + "authorize?");
        BrowserSession.Page page = browser.get(start.location());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("苏服办", "id=\"person-320102198503120039\"", "id=\"deny\"");

        BrowserSession.Page approved = browser.postForm(SANDBOX + "approve", form(start.query(), "320102198503120039"));
        assertThat(approved.location()).startsWith("http://127.0.0.1:" + port + "/api/t/sfbx/plugins/jiangsu/login/sufuban/callback?code=");
        BrowserSession.Page callback = browser.get(approved.location());
        assertThat(callback.location()).isEqualTo("/t/sfbx/login/next");
        assertThat(browser.get("/t/sfbx/overview").body()).contains("张三", "320102198503120039");
    }

    @Test
    @DisplayName("JS-13: declining in the sandbox ends on the login page with the message, not signed in")
    void decline() {
        BrowserSession browser = browser();
        BrowserSession.Page start = browser.get(START);
        BrowserSession.Page declined = browser.postForm(SANDBOX + "deny", form(start.query(), null));
        assertThat(declined.location()).contains("error=access_denied");

        assertThat(browser.get(declined.location()).location()).isEqualTo("/t/sfbx/login");
        assertThat(browser.get("/t/sfbx/login").body()).contains("login-notice", "You did not consent at SuFuBan");
        assertThat(browser.get("/t/sfbx/overview").status()).isEqualTo(302);
    }

    @Test
    @DisplayName("the sandbox's token endpoint checks the PKCE verifier: a code redeemed with the wrong verifier is refused and spent")
    void sandboxChecksPkce() {
        BrowserSession browser = browser();
        BrowserSession.Page start = browser.get(START);
        String code = browser.postForm(SANDBOX + "approve", form(start.query(), "320505199207081624")).query().get("code");

        BrowserSession.Page token = browser.postForm(SANDBOX + "token", "grant_type=authorization_code&client_id=sfbx-demo"
                + "&client_secret=sfbx-secret&code=" + code + "&redirect_uri=" + enc(start.query().get("redirect_uri"))
                + "&code_verifier=" + "x".repeat(43), "application/json");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("JS-10: no sandbox where the tenant did not turn it on; 苏服办 is offered on Jiangsu portals only (not on sx)")
    void whereNot() {
        assertThat(HttpApi.anonymous(port).get("/api/t/sfby/plugins/jiangsu/sandbox/authorize").status()).isEqualTo(404);
        String sx = HttpApi.anonymous(port).browser().get("/t/sfsx/login").body();
        assertThat(sx).doesNotContain("method-sufuban", "/plugins/jiangsu");
        String unconfigured = HttpApi.anonymous(port).browser().get("/t/sfby/login").body();
        assertThat(unconfigured).contains("method-sufuban").doesNotContain("href=\"/api/t/sfby/plugins/jiangsu/login/sufuban/start\"");
    }

    private BrowserSession browser() {
        BrowserSession browser = new BrowserSession(port, "en");
        browser.get("/t/sfbx/login?lang=en");
        return browser;
    }

    private static String form(Map<String, String> authorize, String person) {
        String hidden = Map.of("client_id", authorize.get("client_id"), "redirect_uri", authorize.get("redirect_uri"),
                        "state", authorize.get("state"), "code_challenge", authorize.get("code_challenge"))
                .entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return person == null ? hidden : hidden + "&person=" + person;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
