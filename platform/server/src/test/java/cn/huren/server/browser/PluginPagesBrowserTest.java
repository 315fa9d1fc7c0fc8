package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A plugin's portal page in a real Chromium: the Inner Mongolia plugin's service status, on a phone. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginPagesBrowserTest {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    void openBrowser() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppb", "neimenggu", "ppb.localhost"));
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("the plugin's status page shows in the portal's frame with the tenant's branding, and switches to English")
    void statusPage() {
        browser.resize(390, 844);
        browser.go("ppb.localhost", "/p/neimenggu/status");

        assertThat(browser.text("#nmg-configured")).isEqualTo("服务已配置。");
        assertThat(browser.text("header .title")).isEqualTo("Portal ppb");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(".sidenav"))).as("no side nav for nobody").isEmpty();
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("plugin-status-phone");

        browser.click("header .lang");
        assertThat(browser.waitForText("#nmg-configured", "configured")).isEqualTo("The service is configured.");
        assertThat(browser.text("#nmg-status h1")).isEqualTo("Service status");
    }
}
