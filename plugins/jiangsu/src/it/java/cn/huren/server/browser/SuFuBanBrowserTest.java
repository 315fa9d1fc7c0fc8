package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 苏服办 login through the demo sandbox in a real Chromium: login page → 苏服办 → pick a person → overview. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuFuBanBrowserTest {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.with(Tenants.body("e2sf", "jiangsu", "e2sf.localhost"), "config",
                Map.of("sufubanSandbox", true, "sufubanClientId", "e2sf-demo", "sufubanClientSecret", "e2sf-secret")));
        browser = Browser.open(port);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("JS-10, JS-13: a natural person signs in with 苏服办 (sandbox) from the login page and lands on the overview; declining shows why")
    void signInThroughTheSandbox() {
        browser.go("e2sf.localhost", "/login");
        browser.screenshot("sufuban-login-page");
        browser.submit("#method-sufuban a");
        assertThat(browser.path()).endsWith("/plugins/jiangsu/sandbox/authorize");
        browser.screenshot("sufuban-sandbox");
        browser.submit("#deny");
        browser.waitForPath("/login");
        assertThat(browser.text("#login-notice")).contains("未同意授权");

        browser.submit("#method-sufuban a");
        browser.submit("#person-320102198503120039");
        browser.waitForPath("/overview");
        assertThat(browser.text("#party-name")).isEqualTo("张三");
        browser.screenshot("sufuban-overview");
    }
}
