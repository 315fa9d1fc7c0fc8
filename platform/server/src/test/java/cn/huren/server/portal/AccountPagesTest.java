package cn.huren.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.notification.DevSmsSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The account pages' doors, without a browser: who is sent where, and which forms need the page's CSRF token. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    SmsSender sms;

    @BeforeAll
    void tenant() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("apt", "jiangsu", "apt.localhost"));
    }

    @Test
    @DisplayName("the account's pages send an anonymous browser to the account login, by host and by path prefix; sign-up, login, "
            + "forgotten password and the privacy policy are open")
    void anonymousGoesToTheAccountLogin() throws Exception {
        for (String page : new String[] {"/account", "/account/real-name", "/account/bank-cards", "/account/notices", "/account/close"}) {
            HttpResponse<String> byHost = get("apt.localhost", page);
            assertThat(byHost.statusCode()).as(page).isEqualTo(302);
            assertThat(byHost.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/account/login"));
            HttpResponse<String> byPath = get(null, "/t/apt" + page);
            assertThat(byPath.statusCode()).as(page).isEqualTo(302);
            assertThat(byPath.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/t/apt/account/login"));
        }
        assertThat(get("apt.localhost", "/account/register").body()).contains("id=\"account-register\"", "获取验证码");
        assertThat(get(null, "/t/apt/account/login").body()).contains("id=\"login-password\"", "action=\"/t/apt/account/login\"");
        assertThat(get("apt.localhost", "/account/login?tab=sms").body()).contains("id=\"login-sms\"");
        assertThat(get("apt.localhost", "/account/forgot").body()).contains("id=\"account-forgot\"");
        assertThat(get("apt.localhost", "/account/privacy").body()).contains("id=\"privacy-text\"");
    }

    @Test
    @DisplayName("the get-code endpoint and the forms refuse a post without the page's CSRF token, and send no code")
    void formsNeedTheCsrfToken() throws Exception {
        HttpResponse<String> code = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/account/register/code"))
                .header("Host", "apt.localhost").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mobile=13912349999")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> register = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/account/register"))
                .header("Host", "apt.localhost").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mobile=13912349999&code=123456")).build(), HttpResponse.BodyHandlers.ofString());

        // refused by the portal's one access-denied answer (on to /login/next), nothing sent, nothing registered
        for (HttpResponse<String> refused : java.util.List.of(code, register)) {
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login/next");
        }
        assertThat(((DevSmsSink) sms).recent("apt")).noneMatch(m -> m.message().phoneNumber().equals("13912349999"));
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html");
        if (host != null) {
            request.header("Host", host);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
