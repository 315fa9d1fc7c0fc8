package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What operators and parties see, in a real Chromium against the server on a random port. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalAndConsoleBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("an operator signs in, creates a tenant, sets its colour with live preview, and its portal shows the branded title and colour")
    void operatorOnboardsAndBrands() {
        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.screenshot("console-tenants");
        browser.go("localhost", "/console/tenants/new?plugin=shanxi");
        browser.type("#code", "e2ea");
        browser.type("#nameZh", "测试省");
        browser.type("#nameEn", "Testland");
        browser.type("#hosts", "e2ea.localhost");
        browser.type("#title", "测试省公共资源交易平台");
        browser.screenshot("console-new-tenant");
        browser.click("#create");
        assertThat(browser.text(".flash")).isNotBlank();
        assertThat(browser.text("#status")).isEqualTo("正常");

        browser.type("#primaryColor", "#aa3300");
        assertThat(browser.css("#preview-bar", "background-color")).as("live preview").isEqualTo("rgba(170, 51, 0, 1)");
        browser.screenshot("console-branding-preview");
        browser.submit("#save-branding"); // the created page has a .flash too: wait until it is gone
        assertThat(browser.text(".flash")).isNotBlank();

        browser.go("e2ea.localhost", "/");
        assertThat(browser.driver.getTitle()).isEqualTo("测试省公共资源交易平台");
        assertThat(browser.text(".brand .title")).isEqualTo("测试省公共资源交易平台");
        assertThat(browser.css("header.brand", "background-color")).isEqualTo("rgba(170, 51, 0, 1)");
        assertThat(browser.text("#province")).contains("测试省");
        browser.screenshot("portal-home-branded");
    }

    @Test
    @DisplayName("a refused form shows each error next to its field, keeps the input and saves nothing; a double submit creates one tenant")
    void formErrorsAndDoubleSubmit() {
        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.go("localhost", "/console/tenants/new?plugin=jiangsu");
        browser.type("#code", "Bad!");
        browser.type("#hosts", "not a host!");
        browser.click("#create");

        assertThat(browser.text("#code-error")).isNotBlank();
        assertThat(browser.text("#hosts-error")).isNotBlank();
        assertThat(browser.find("#code").getAttribute("value")).isEqualTo("Bad!");
        browser.screenshot("console-form-errors");
        assertThat(jdbc.sql("select count(*) from platform.tenant where code = 'bad!'").query(Long.class).single()).isZero();

        browser.type("#code", "e2eb");
        browser.type("#nameZh", "双击");
        browser.type("#nameEn", "Double");
        browser.type("#hosts", "e2eb.localhost");
        // the same form posted twice by the browser, as a double click does
        Object landed = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const form = document.getElementById('create-tenant');"
                + "const body = () => new URLSearchParams(new FormData(form));"
                + "fetch(form.action, {method: 'POST', body: body()})"
                + ".then(first => fetch(form.action, {method: 'POST', body: body()}).then(second => [first.url, second.url]))"
                + ".then(done, e => done(String(e)));");

        assertThat((java.util.List<?>) landed).hasSize(2)
                .allSatisfy(url -> assertThat(url.toString()).endsWith("/console/tenants/e2eb?created"));
        assertThat(jdbc.sql("select count(*) from platform.tenant where code = 'e2eb'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("Chinese by default, ?lang=en switches and is remembered; login lists core and plugin methods; the frame asks for login")
    void languageLoginMethodsAndFrame() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("e2ec", "jiangsu", "e2ec.localhost"));

        browser.go("e2ec.localhost", "/");
        assertThat(browser.text("#login-entry")).isEqualTo("登录 / 注册");
        browser.click(".lang");
        assertThat(browser.text("#login-entry")).isEqualTo("Log in or register");
        browser.click("#login-entry");
        assertThat(browser.text("h1")).isEqualTo("Log in");
        assertThat(browser.driver.findElements(By.cssSelector(".method"))).hasSize(3);
        assertThat(browser.text("#method-sufuban")).contains("SuFuBan");
        browser.screenshot("portal-login-en");

        browser.go("e2ec.localhost", "/?lang=zh-CN");
        browser.go("e2ec.localhost", "/overview");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        assertThat(browser.text("#method-sufuban")).contains("苏服办");
        browser.screenshot("portal-login-zh");
    }

    @Test
    @DisplayName("a tenant suspended from the console (with confirmation) shows its portal's 503 page in its own branding")
    void suspendedPortal() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("e2ed", "neimenggu", "e2ed.localhost"));
        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.go("localhost", "/console/tenants/e2ed");
        browser.click("#suspend");
        browser.screenshot("console-confirm-suspend");
        browser.click("#confirm");
        assertThat(browser.text("#status")).isEqualTo("已暂停");

        browser.go("e2ed.localhost", "/");
        assertThat(browser.text("#error-title")).isEqualTo("门户已暂停服务");
        assertThat(browser.text(".brand .title")).isEqualTo("Portal e2ed");
        assertThat(browser.css("header.brand", "background-color")).isEqualTo("rgba(18, 52, 86, 1)");
        browser.screenshot("portal-suspended-503");

        browser.go("nosuch.localhost", "/");
        assertThat(browser.text("#error-title")).isEqualTo("门户不存在");
    }

    @Test
    @DisplayName("an XSS payload in a tenant's name and title renders as text on the portal and in the console")
    void xssRendersAsText() {
        String payload = "<img src=x onerror=alert(1)>";
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.with(Tenants.with(
                Tenants.body("e2ex", "shanxi", "e2ex.localhost"), "nameZh", payload),
                "branding", java.util.Map.of("title", "<script>alert('t')</script>", "primaryColor", "#333333")));

        browser.go("e2ex.localhost", "/");
        assertNoAlert();
        assertThat(browser.text(".brand .title")).isEqualTo("<script>alert('t')</script>");
        assertThat(browser.text("#province")).contains(payload);
        browser.screenshot("portal-xss-as-text");

        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.go("localhost", "/console?q=e2ex");
        assertNoAlert();
        assertThat(browser.text("#tenants tbody")).contains(payload);
        browser.screenshot("console-xss-as-text");
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
