package cn.huren.server.plugins.jiangsu;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.login.LoginLimitsFixture;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** 苏服办 login against WireMock stubs of 苏服办's authorize, token and user-info endpoints. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuFuBanLoginTest {

    private static final String TENANT = "sfb";
    private static final String START = "/api/t/sfb/plugins/jiangsu/login/sufuban/start";
    private static final String CALLBACK = "/api/t/sfb/plugins/jiangsu/login/sufuban/callback";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private final WireMockServer sufuban = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    void tenant() {
        sufuban.start();
        String base = "http://127.0.0.1:" + sufuban.port() + "/oauth2";
        Map<String, Object> config = Map.of("sufubanAuthorizeUrl", base + "/authorize", "sufubanTokenUrl", base + "/token",
                "sufubanUserInfoUrl", base + "/userinfo", "sufubanClientId", "sfb-client", "sufubanClientSecret", "sfb-secret",
                "sufubanTimeoutMillis", 1000);
        HttpApi.Reply created = HttpApi.operator(port).post("/api/platform/tenants",
                Tenants.with(Tenants.body(TENANT, "jiangsu", "sfb.localhost"), "config", config));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        sufuban.stop();
    }

    @BeforeEach
    void reset() {
        sufuban.resetAll();
    }

    @Test
    @DisplayName("JS-10, JS-13: the login link redirects to the configured 苏服办 authorize URL with client, callback, state and an S256 code challenge")
    void startRedirectsWithStateAndPkce() {
        BrowserSession browser = browser("en");
        assertThat(browser.get("/t/sfb/login").body()).contains("href=\"" + START + "\"");

        BrowserSession.Page start = browser.get(START);

        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location()).startsWith("http://127.0.0.1:" + sufuban.port() + "/oauth2/authorize?");
        Map<String, String> q = start.query();
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "sfb-client")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + CALLBACK).containsEntry("code_challenge_method", "S256");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(browser.hasCookie("huren_sufuban")).as("the state is bound to this browser").isTrue();
    }

    @Test
    @DisplayName("JS-13: first 苏服办 login registers the natural person (name, ID number, phone), the second matches by ID number; PKCE verifier and client secret go to the token endpoint")
    void happyPathRegistersThenMatches() throws Exception {
        String id = "320102198503120039";
        stubSuccess("code-1", "token-1", "张三", id, "13800000001");
        BrowserSession browser = browser("en");
        Map<String, String> authorize = browser.get(START).query();

        BrowserSession.Page callback = browser.get(CALLBACK + "?code=code-1&state=" + authorize.get("state"));

        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).isEqualTo("/t/sfb/login/next");
        assertThat(browser.get("/t/sfb/login/next").location()).endsWith("/t/sfb/overview");
        BrowserSession.Page overview = browser.get("/t/sfb/overview");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("张三", id, "Signed in by real-name identity");
        assertThat(parties(id)).isEqualTo(1);
        assertThat(jdbc().queryForObject("select registered_via from tenant_sfb.party where resident_id = ?", String.class, id))
                .isEqualTo("sufuban");
        assertThat(jdbc().queryForObject("select basic_info from tenant_sfb.party where resident_id = ?", String.class, id))
                .as("the verified phone prefills the contact phone").contains("13800000001");
        Map<String, String> form = form(sufuban.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "authorization_code").containsEntry("client_secret", "sfb-secret")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + CALLBACK);
        assertThat(s256(form.get("code_verifier"))).as("PKCE: the verifier matches the challenge sent to authorize")
                .isEqualTo(authorize.get("code_challenge"));

        stubSuccess("code-2", "token-2", "张三", id, "13800000001");
        BrowserSession again = browser("en");
        String state = again.get(START).query().get("state");
        assertThat(again.get(CALLBACK + "?code=code-2&state=" + state).location()).isEqualTo("/t/sfb/login/next");
        assertThat(again.get("/t/sfb/overview").status()).isEqualTo(200);
        assertThat(parties(id)).as("matched by ID number, not registered twice").isEqualTo(1);
    }

    @Test
    @DisplayName("a 苏服办 login over the login limit (per person) ends on the login page saying how long to wait, no session")
    void loginLimit(@Autowired ApplicationContext context) throws Exception {
        String id = "320102198503120055";
        try (AutoCloseable limited = LoginLimitsFixture.limit(context, 1, 100, Duration.ofHours(1))) {
            stubSuccess("code-l1", "token-l1", "王五", id, "13800000003");
            BrowserSession first = browser("en");
            assertThat(first.get(CALLBACK + "?code=code-l1&state=" + first.get(START).query().get("state")).location())
                    .isEqualTo("/t/sfb/login/next");

            stubSuccess("code-l2", "token-l2", "王五", id, "13800000003");
            BrowserSession second = browser("en");
            assertRefused(second, second.get(CALLBACK + "?code=code-l2&state=" + second.get(START).query().get("state")),
                    "Too many logins; please try again in ");
        }
    }

    @Test
    @DisplayName("a 苏服办 login over the login limit (per address) registers nothing: no party for a new person, no phone recorded")
    void loginLimitBeforeRegistration(@Autowired ApplicationContext context) throws Exception {
        String known = "320102198503120071";
        String newcomer = "320102198503120098";
        try (AutoCloseable limited = LoginLimitsFixture.limit(context, 100, 1, Duration.ofHours(1))) {
            stubSuccess("code-a1", "token-a1", "赵一", known, "13800000005");
            BrowserSession first = browser("en");
            assertThat(first.get(CALLBACK + "?code=code-a1&state=" + first.get(START).query().get("state")).location())
                    .isEqualTo("/t/sfb/login/next");

            stubSuccess("code-a2", "token-a2", "孙二", newcomer, "13800000006");
            BrowserSession second = browser("en");
            assertRefused(second, second.get(CALLBACK + "?code=code-a2&state=" + second.get(START).query().get("state")),
                    "Too many logins; please try again in ");
            assertThat(parties(newcomer)).as("charged before the party is registered").isZero();
        }
    }

    @Test
    @DisplayName("JS-13: consent denied at 苏服办 (error=access_denied) ends on the login page with a message, no session, no party")
    void deniedConsent() {
        BrowserSession browser = browser("en");
        String state = browser.get(START).query().get("state");

        assertRefused(browser, browser.get(CALLBACK + "?error=access_denied&state=" + state), "You did not consent at SuFuBan");
        assertThat(sufuban.getAllServeEvents()).as("no token requested").isEmpty();
    }

    @Test
    @DisplayName("JS-13: a forged state and a state of another browser are refused with a message, no session; the other browser's try does not burn the state; a replayed state is refused")
    void badOrReplayedState() {
        String id = "320505199207081624";
        stubSuccess("code-r", "token-r", "李四", id, null);
        BrowserSession browser = browser("en");
        browser.get(START);
        assertRefused(browser, browser.get(CALLBACK + "?code=code-r&state=forged-state-value"), "the login request is unknown");

        String state = browser.get(START).query().get("state");
        BrowserSession other = browser("en");
        assertRefused(other, other.get(CALLBACK + "?code=code-r&state=" + state), "the login request is unknown");
        assertThat(parties(id)).isZero();
        assertThat(sufuban.getAllServeEvents()).as("no code was exchanged").isEmpty();

        BrowserSession.Page callback = browser.get(CALLBACK + "?code=code-r&state=" + state);
        assertThat(callback.location()).as("the state still works in its own browser").isEqualTo("/t/sfb/login/next");
        assertThat(parties(id)).isEqualTo(1);
        BrowserSession replaying = browser("en");
        String fresh = replaying.get(START).query().get("state");
        assertThat(fresh).isNotEqualTo(state);
        assertRefused(replaying, replaying.get(CALLBACK + "?code=code-r&state=" + state), "already used");
    }

    @Test
    @DisplayName("JS-13: the token endpoint answering 400 or 500 ends on the login page with a message, no session, no party")
    void tokenErrors() {
        for (int status : new int[] {400, 500}) {
            sufuban.resetAll();
            sufuban.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));
            stubUserInfo("token-x", "王五", "320203197801014514", null);
            BrowserSession browser = browser("zh-CN");
            String state = browser.get(START).query().get("state");
            assertRefused(browser, browser.get(CALLBACK + "?code=code-x&state=" + state), "获取访问令牌未成功");
        }
        assertThat(parties("320203197801014514")).isZero();
    }

    @Test
    @DisplayName("JS-13: a token answer over 64 KB is refused after reading 64 KB, with a message, no session, no party")
    void oversizedAnswer() {
        sufuban.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(okJson("{\"access_token\":\"" + "x".repeat(2_000_000) + "\"}")));
        BrowserSession browser = browser("zh-CN");
        String state = browser.get(START).query().get("state");
        assertRefused(browser, browser.get(CALLBACK + "?code=code-o&state=" + state), "获取访问令牌未成功");
        assertThat(sufuban.findAll(getRequestedFor(urlPathEqualTo("/oauth2/userinfo")))).isEmpty();
    }

    @Test
    @DisplayName("JS-13: a user-info error ends on the login page with a message, no session, no party")
    void userInfoError() {
        sufuban.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(okJson("{\"access_token\":\"token-u\",\"token_type\":\"Bearer\"}")));
        sufuban.stubFor(get(urlPathEqualTo("/oauth2/userinfo")).willReturn(aResponse().withStatus(401)));
        BrowserSession browser = browser("en");
        String state = browser.get(START).query().get("state");

        assertRefused(browser, browser.get(CALLBACK + "?code=code-u&state=" + state), "while reading your identity");
    }

    @Test
    @DisplayName("JS-13: 苏服办 not answering within the configured timeout ends on the login page with a message, no session, no party")
    void timeout() {
        String id = "320115199001010020";
        sufuban.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(okJson("{\"access_token\":\"token-t\"}").withFixedDelay(3000)));
        stubUserInfo("token-t", "赵六", id, null);
        BrowserSession browser = browser("en");
        String state = browser.get(START).query().get("state");

        assertRefused(browser, browser.get(CALLBACK + "?code=code-t&state=" + state), "did not answer in time");
        assertThat(parties(id)).isZero();
    }

    @Test
    @DisplayName("JS-13: an identity with an invalid ID number is refused with the rule it fails; nothing is created")
    void invalidIdentity() {
        stubSuccess("code-i", "token-i", "钱七", "320102198503120038", null);
        BrowserSession browser = browser("en");
        String state = browser.get(START).query().get("state");

        assertRefused(browser, browser.get(CALLBACK + "?code=code-i&state=" + state), "check character");
        assertThat(parties("320102198503120038")).isZero();
    }

    /** A fresh browser whose pages speak {@code language} (remembered in a cookie, as the portal does). */
    private BrowserSession browser(String language) {
        BrowserSession browser = new BrowserSession(port, language);
        browser.get("/t/sfb/login?lang=" + language);
        return browser;
    }

    private void assertRefused(BrowserSession browser, BrowserSession.Page callback, String message) {
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).isEqualTo("/t/sfb/login");
        BrowserSession.Page login = browser.get("/t/sfb/login");
        assertThat(login.body()).contains("id=\"login-notice\"").contains(message);
        assertThat(browser.get("/t/sfb/login").body()).as("shown once").doesNotContain("login-notice");
        assertThat(browser.get("/t/sfb/overview").status()).as("no session").isEqualTo(302);
    }

    private void stubSuccess(String code, String token, String name, String id, String phone) {
        sufuban.stubFor(post(urlEqualTo("/oauth2/token")).withRequestBody(containing("code=" + code))
                .withRequestBody(containing("client_id=sfb-client"))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        stubUserInfo(token, name, id, phone);
    }

    private void stubUserInfo(String token, String name, String id, String phone) {
        sufuban.stubFor(get(urlPathEqualTo("/oauth2/userinfo")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"name\":\"" + name + "\",\"id_number\":\"" + id + "\""
                        + (phone == null ? "" : ",\"phone_number\":\"" + phone + "\"") + "}")));
    }

    private long parties(String residentId) {
        return jdbc().queryForObject("select count(*) from tenant_sfb.party where resident_id = ?", Long.class, residentId);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8),
                (a, b) -> b, LinkedHashMap::new));
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
