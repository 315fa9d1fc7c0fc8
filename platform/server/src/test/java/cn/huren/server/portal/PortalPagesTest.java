package cn.huren.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalPagesTest {

    @LocalServerPort
    int port;

    @BeforeAll
    void tenants() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("ppjs", "jiangsu", "ppjs.localhost"));
        op.post("/api/platform/tenants", Tenants.body("ppnm", "neimenggu", "ppnm.localhost"));
    }

    @Test
    @DisplayName("the login page lists the core certificate methods and the methods the tenant's plugin contributes, and only those")
    void loginMethodsPerTenant() {
        String js = HttpApi.anonymous(port).browser().host("ppjs.localhost").get("/login").body();
        String nmg = HttpApi.anonymous(port).browser().get("/t/ppnm/login").body();

        assertThat(js).contains("id=\"method-ukey\"", "id=\"method-mobile-ca\"", "id=\"method-sufuban\"");
        assertThat(nmg).contains("id=\"method-ukey\"", "id=\"method-mobile-ca\"").doesNotContain("method-sufuban", "method-sanjintong");
    }

    @Test
    @DisplayName("the signed-in frame asks for login first, by host and by path prefix")
    void frameNeedsLogin() {
        Reply byHost = HttpApi.anonymous(port).browser().host("ppjs.localhost").get("/overview");
        Reply byPath = HttpApi.anonymous(port).browser().get("/t/ppjs/registry");

        assertThat(byHost.status()).isEqualTo(302);
        assertThat(byPath.status()).isEqualTo(302);
        assertThat(HttpApi.anonymous(port).browser().host("ppjs.localhost").get("/overview?lang=en").status())
                .as("a query string does not open the frame").isEqualTo(302);
        assertThat(HttpApi.anonymous(port).browser().get("/t/ppjs/orders/?x=1").status()).isEqualTo(302);
    }

    @Test
    @DisplayName("percent-encoded paths are checked as MVC sees them: no plugin of another tenant, no console on a tenant host")
    void encodedPathsCannotBypassChecks() {
        Reply foreignTenant = HttpApi.anonymous(port).host("ppnm.localhost").get("/api/%74/ppjs/plugins/jiangsu/info");
        Reply foreignPlugin = HttpApi.anonymous(port).get("/api/%74/ppnm/plugins/jiangsu/info");
        Reply noTenant = HttpApi.anonymous(port).get("/api/t/ppnm/plugins/%6Eeimenggu/info");
        Reply console = HttpApi.operator(port).host("ppjs.localhost").get("/%63onsole");

        assertThat(foreignTenant.status()).isEqualTo(400);
        assertThat(foreignPlugin.status()).isEqualTo(404);
        assertThat(noTenant.status()).as("the tenant's own plugin, encoded, still works").isEqualTo(200);
        assertThat(console.status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a page asked for outside any tenant, or for an unknown tenant in the console, is a 404 page, not a 500")
    void pageErrorsAreNot500() {
        assertThat(HttpApi.anonymous(port).browser().get("/login").status()).isEqualTo(404);
        Reply console = HttpApi.operator(port).browser().get("/console/tenants/nosuch");
        assertThat(console.status()).isEqualTo(404);
        assertThat(console.body()).contains("id=\"error-title\"");
    }

    @Test
    @DisplayName("browsers get branded error pages (404 page, 404 unknown tenant, 503 suspended), API clients problem+json")
    void errorPagesAndProblems() {
        Reply page404 = HttpApi.anonymous(port).browser().host("ppjs.localhost").get("/no-such-page");
        Reply unknown = HttpApi.anonymous(port).browser().host("zzzz.localhost").get("/");
        Reply api404 = HttpApi.anonymous(port).get("/api/t/ppjs/no-such-endpoint");

        assertThat(page404.status()).isEqualTo(404);
        assertThat(page404.contentType()).startsWith("text/html");
        assertThat(page404.body()).contains("Portal ppjs", "id=\"error-title\"");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"error-title\"");
        assertThat(api404.status()).isEqualTo(404);
        assertThat(api404.contentType()).startsWith("application/problem+json");

        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppsu", "shanxi", "ppsu.localhost"));
        HttpApi.operator(port).post("/api/platform/tenants/ppsu/suspend", null);
        Reply suspended = HttpApi.anonymous(port).browser().host("ppsu.localhost").get("/");
        assertThat(suspended.status()).isEqualTo(503);
        assertThat(suspended.contentType()).startsWith("text/html");
        assertThat(suspended.body()).contains("Portal ppsu");
        assertThat(HttpApi.anonymous(port).host("ppsu.localhost").get("/theme.css").body()).contains("--brand: #123456");
    }

    @Test
    @DisplayName("pages carry a CSP without inline script or style, and frame-ancestors 'none'")
    void contentSecurityPolicy() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/t/ppjs/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.body()).doesNotContain("style=\"").doesNotContain("<script>");
    }
}
