package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.PortalBrowser;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A plugin's portal pages (/p/{pluginId}/…) in the portal's layout, its party-API endpoints (…/plugins/{id}/me/…),
 * and who is signed in as the plugin's PortalUsers sees it, through the Inner Mongolia plugin's status page and whoami.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginPagesTest {

    private static final String STATUS = "/t/ppg/p/neimenggu/status";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Pages SM2 CA", KeyAlgorithm.SM2);
    Issued holder;

    @BeforeAll
    void tenants() {
        PartyClient.tenantTrusting(port, "ppg", "neimenggu", ca, "ppg.localhost");
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppgjs", "jiangsu", "ppgjs.localhost"));
        PartyClient.tenantTrusting(port, "ppg2", "neimenggu", ca);
        holder = PartyClient.enterpriseCertificate(ca, "页面测试有限公司", RegisteredParties.uscc(961));
    }

    @Test
    @DisplayName("a plugin's page renders in the portal's layout, from the plugin's template and messages, in Chinese by default and in English")
    void pageInPortalLayout() throws Exception {
        PortalBrowser browser = browser();
        HttpResponse<String> zh = browser.get(STATUS);
        HttpResponse<String> en = browser.get(STATUS + "?lang=en");
        HttpApi.Reply byHost = HttpApi.anonymous(port).browser().host("ppg.localhost").get("/p/neimenggu/status");

        assertThat(zh.statusCode()).isEqualTo(200);
        assertThat(zh.body()).contains("<title>服务状态 · Portal ppg</title>", "class=\"brand\"", "class=\"footer\"",
                "id=\"nmg-configured\"", "服务已配置", "未登录", "/t/ppg/theme.css", "action=\"/t/ppg/p/neimenggu/status\"");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("Service status", "The service is configured.", "Not signed in.").doesNotContain("服务已配置");
        assertThat(byHost.status()).isEqualTo(200);
        assertThat(byHost.body()).contains("服务状态", "action=\"/p/neimenggu/status\"");
    }

    @Test
    @DisplayName("a plugin's page does not exist for a tenant on another plugin: 404, by path and by host")
    void otherTenantsGet404() throws Exception {
        assertThat(browser().get("/t/ppgjs/p/neimenggu/status").statusCode()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).browser().host("ppgjs.localhost").get("/p/neimenggu/status").status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).browser().host("ppgjs.localhost").get("/p/jiangsu/status").status()).isEqualTo(404);
        assertThat(browser().get("/t/ppg/pages/status").statusCode()).as("never mounted at its declared path").isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/api/t/ppg/plugins/neimenggu/pages/status").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a plugin page's 401 refusal sends the browser to the portal's login; the plugin's static files are served for its tenants only")
    void loginRedirectAndStaticFiles() throws Exception {
        HttpResponse<String> login = browser().get("/t/ppg/p/neimenggu/login");
        HttpResponse<String> css = browser().get("/t/ppg/p/neimenggu/static/nmg.css");
        HttpApi.Reply cssByHost = HttpApi.anonymous(port).host("ppg.localhost").get("/p/neimenggu/static/nmg.css");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/t/ppg/login");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(css.body()).contains("#nmg-missing");
        assertThat(cssByHost.status()).isEqualTo(200);
        assertThat(browser().get("/t/ppgjs/p/neimenggu/static/nmg.css").statusCode()).isEqualTo(404);
        assertThat(browser().get("/t/ppg/p/neimenggu/static/../templates/status.html").statusCode()).isIn(400, 404);
        assertThat(browser().get("/t/ppg/p/neimenggu/static/%2e%2e/templates/status.html").statusCode()).isIn(400, 404);
        assertThat(browser().get("/t/ppg/p/neimenggu/static/nosuch.css").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a page's POST needs the form's CSRF token: without it the plugin's handler is not reached")
    void pagePostNeedsCsrf() throws Exception {
        PortalBrowser browser = browser();
        assertThat(browser.get(STATUS).body()).contains("name=\"_csrf\"");

        HttpResponse<String> without = browser.postRaw(STATUS, "");
        HttpResponse<String> with = browser.post(STATUS, Map.of());

        assertThat(without.statusCode()).isEqualTo(302);
        assertThat(without.headers().firstValue("Location").orElseThrow()).endsWith("/t/ppg/login/next");
        assertThat(with.statusCode()).isEqualTo(302);
        assertThat(with.headers().firstValue("Location").orElseThrow()).endsWith("status").doesNotContain("login");
    }

    @Test
    @DisplayName("a plugin's me/… endpoint is the party API: a bearer token, not the browser's cookie session, and signed requests stay with the client API")
    void meEndpointsNeedBearerTokens() throws Exception {
        String path = "/api/t/ppg/plugins/neimenggu/me/whoami";
        PortalBrowser browser = browser();
        browser.signIn(holder);
        assertThat(browser.get(STATUS).body()).as("the browser is signed in").contains("证书");

        HttpResponse<String> anonymous = browser().get(path);
        HttpResponse<String> cookieOnly = browser.get(path);
        HttpResponse<String> signed = browser.send(browser.request(path).header("X-Huren-Client", "nobody").GET().build());
        String token = new PartyClient(port).login("ppg", holder);
        HttpResponse<String> bearer = browser.send(browser.request(path).header("Authorization", "Bearer " + token).GET().build());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(cookieOnly.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).isEqualTo(401);
        assertThat(signed.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Huren-HMAC-SHA256");
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(200);
        JsonNode me = new ObjectMapper().readTree(bearer.body());
        assertThat(me.get("authentication").asText()).isEqualTo("CERTIFICATE");
        assertThat(me.get("partyId").isNull()).as("not registered yet").isTrue();
        assertThat(me.get("identifier").asText()).startsWith(RegisteredParties.uscc(961).substring(0, 3)).contains("*")
                .doesNotContain(RegisteredParties.uscc(961));
        JsonNode c = me.get("certificate");
        assertThat(c.get("serial").asText()).isEqualToIgnoringCase(holder.certificate().getSerialNumber().toString(16));
        assertThat(c.get("caName").asText()).isEqualTo("SM2 CA");
        assertThat(c.get("holderKind").asText()).isEqualTo("ENTERPRISE");
        assertThat(c.get("medium").asText()).isEqualTo("TOKEN");
        assertThat(c.get("algorithm").asText()).isEqualTo("SM2");
        assertThat(c.get("fingerprint").asText()).hasSize(64);
        assertThat(c.get("notAfter").asText()).isNotBlank();
    }

    @Test
    @DisplayName("PortalUsers for a registered party's token: its party; never on another tenant, even one on the same plugin")
    void registeredPartyAndOtherTenants() throws Exception {
        PartyClient client = new PartyClient(port);
        Issued registered = PartyClient.enterpriseCertificate(ca, "已注册有限公司", RegisteredParties.uscc(962));
        String token = client.enterprise("ppg", registered).get(0);
        PortalBrowser browser = browser();

        HttpResponse<String> mine = browser.send(browser.request("/api/t/ppg/plugins/neimenggu/me/whoami")
                .header("Authorization", "Bearer " + token).GET().build());
        HttpResponse<String> elsewhere = browser.send(browser.request("/api/t/ppg2/plugins/neimenggu/me/whoami")
                .header("Authorization", "Bearer " + token).GET().build());

        assertThat(mine.statusCode()).isEqualTo(200);
        JsonNode me = new ObjectMapper().readTree(mine.body());
        assertThat(me.get("partyId").asLong()).isPositive();
        assertThat(me.get("partyKind").asText()).isEqualTo("ENTERPRISE");
        assertThat(me.get("name").asText()).isEqualTo("已注册有限公司");
        assertThat(elsewhere.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("PortalUsers on a page: the certificate of a certificate session, nobody for an anonymous browser")
    void portalUserOnPages() throws Exception {
        PortalBrowser signedIn = browser();
        signedIn.signIn(holder);

        String mine = signedIn.get(STATUS).body();
        String anonymous = browser().get(STATUS).body();

        String serial = holder.certificate().getSerialNumber().toString(16).toUpperCase();
        assertThat(find(mine, "id=\"nmg-user\">([^<]+)<")).contains("页面测试有限公司", serial, "SM2 CA");
        assertThat(mine).contains("id=\"signed-in\"", "class=\"sidenav\"", "id=\"nav-overview\"");
        assertThat(anonymous).doesNotContain("class=\"sidenav\"");
        assertThat(find(anonymous, "id=\"nmg-user\">([^<]+)<")).isEqualTo("未登录。");
    }

    @Test
    @DisplayName("NMG-01: the operator sees what a tenant's configuration lacks, and the plugin's portal says the service is not configured yet")
    void missingConfiguration() throws Exception {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ppgx", "neimenggu"));
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/ppgx").json().get("configurationMissing")).isEmpty();
        // a tenant onboarded before the field was mandatory: its value is not there
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(
                jdbc.sql("select config from platform.tenant where code = 'ppgx'").query(String.class).single());
        config.remove("regionCode");
        jdbc.sql("update platform.tenant set config = ? where code = 'ppgx'").param(config.toString()).update();

        JsonNode missing = HttpApi.operator(port).get("/api/platform/tenants/ppgx").json().get("configurationMissing");
        String console = HttpApi.operator(port).browser().get("/console/tenants/ppgx").body();
        String consoleEn = HttpApi.operator(port).browser().get("/console/tenants/ppgx?lang=en").body();
        String portal = browser().get("/t/ppgx/p/neimenggu/status").body();

        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).get("field").asText()).isEqualTo("regionCode");
        assertThat(missing.get(0).get("messageZh").asText()).contains("区划代码");
        assertThat(missing.get(0).get("messageEn").asText()).contains("Region code");
        assertThat(console).contains("id=\"configuration-missing\"", "区划代码：未配置");
        assertThat(consoleEn).contains("Region code: not set");
        assertThat(portal).contains("id=\"nmg-not-configured\"", "服务尚未配置", "区划代码：未配置").doesNotContain("id=\"nmg-configured\"");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    private PortalBrowser browser() {
        return new PortalBrowser(port, "ppg");
    }
}
