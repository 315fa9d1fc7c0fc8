package cn.huren.server.operator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Operator sign-in: one answer whether a name exists, is wrong or is blocked; failures counted in
 * PostgreSQL per name and per address (spraying); a fresh CSRF token after sign-in. Every test here
 * fails from 127.0.0.1, the suite's only address: each removes its failures (and puts the clock back).
 */
@IntegrationTest
class OperatorLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    TestClock clock;

    @BeforeEach
    @AfterEach
    void forgetFailures() {
        clock.reset();
        jdbc.sql("delete from platform.operator_login_failure").update();
    }

    void operator(String name, String password, PasswordEncoder encoder) {
        jdbc.sql("insert into platform.operator (username, password_hash, enabled, created_at) values (?, ?, true, ?) on conflict do nothing")
                .params(name, encoder.encode(password), Timestamp.from(Instant.now())).update();
    }

    /** A console sign-in in a fresh browser; where it is sent. */
    String consoleSignIn(String name, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = csrf(browser.send(HttpRequest.newBuilder(uri("/console/login")).build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> login = submit(browser, name, password, token);
        assertThat(login.statusCode()).isEqualTo(302);
        return login.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> submit(HttpClient browser, String name, String password, String token) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("the console and the API answer an unknown name, a wrong password and a blocked name alike")
    void sameAnswer(@Autowired PasswordEncoder encoder) throws Exception {
        operator("ops-same", "right-password", encoder);
        String unknown = consoleSignIn("nobody-here", "whatever");
        String wrong = consoleSignIn("ops-same", "wrong");
        Reply unknownApi = HttpApi.anonymous(port).as("nobody-here", "whatever").get("/api/platform/plugins");
        Reply wrongApi = HttpApi.anonymous(port).as("ops-same", "wrong").get("/api/platform/plugins");
        for (int i = 2; i < throttle.perName(); i++) {
            HttpApi.anonymous(port).as("ops-same", "wrong").get("/api/platform/plugins");
        }
        // blocked now: console failures and API failures are the same count
        String blocked = consoleSignIn("ops-same", "right-password");
        Reply blockedApi = HttpApi.anonymous(port).as("ops-same", "right-password").get("/api/platform/plugins");
        for (int i = 1; i < throttle.perName(); i++) {
            consoleSignIn("nobody-here", "whatever");
        }
        String unknownBlocked = consoleSignIn("nobody-here", "whatever");

        assertThat(wrong).endsWith("/console/login?error");
        assertThat(java.util.List.of(unknown, blocked, unknownBlocked)).containsOnly(wrong);
        for (Reply r : java.util.List.of(unknownApi, blockedApi)) {
            assertThat(r.status()).isEqualTo(wrongApi.status()).isEqualTo(401);
            assertThat(r.contentType()).isEqualTo(wrongApi.contentType());
            assertThat(r.body()).isEqualTo(wrongApi.body());
        }
        assertThat(HttpApi.operator(port).get("/api/platform/plugins").status()).as("other names are not blocked").isEqualTo(200);
    }

    @Test
    @DisplayName("password spraying: failures of many names from one address block that address for every name, until the window passes")
    void spraying() {
        for (int i = 0; i < throttle.perAddress(); i++) {
            assertThat(HttpApi.anonymous(port).as("sprayed-" + i, "password1").get("/api/platform/plugins").status()).isEqualTo(401);
        }
        assertThat(jdbc.sql("select count(*) from platform.operator_login_failure where address = '127.0.0.1'").query(Long.class).single())
                .as("in PostgreSQL, for every node").isEqualTo(throttle.perAddress());

        assertThat(HttpApi.operator(port).get("/api/platform/plugins").status()).as("the right password of another name").isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from platform.operator_login_failure").query(Long.class).single())
                .as("a blocked attempt is not counted again").isEqualTo(throttle.perAddress());

        clock.move(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(HttpApi.operator(port).get("/api/platform/plugins").status()).isEqualTo(200);
        assertThat(throttle.purge()).as("failures older than the window are purged").isEqualTo(throttle.perAddress());
    }

    @Test
    @DisplayName("a disabled operator is answered like an unknown name or a wrong password, even with its right password, and the failure counts")
    void disabledAnsweredAlike(@Autowired PasswordEncoder encoder) throws Exception {
        operator("ops-off", "right-password", encoder);
        jdbc.sql("update platform.operator set enabled = false where username = 'ops-off'").update();

        String unknown = consoleSignIn("nobody-off", "right-password");
        String disabled = consoleSignIn("ops-off", "right-password");
        Reply unknownApi = HttpApi.anonymous(port).as("nobody-off", "right-password").get("/api/platform/plugins");
        Reply disabledApi = HttpApi.anonymous(port).as("ops-off", "right-password").get("/api/platform/plugins");

        assertThat(disabled).isEqualTo(unknown).endsWith("/console/login?error");
        assertThat(disabledApi.status()).isEqualTo(unknownApi.status()).isEqualTo(401);
        assertThat(disabledApi.contentType()).isEqualTo(unknownApi.contentType());
        assertThat(disabledApi.body()).isEqualTo(unknownApi.body());
        assertThat(jdbc.sql("select count(*) from platform.operator_login_failure where username = 'ops-off'").query(Long.class).single())
                .as("counted like any failure").isEqualTo(2);
    }

    @Test
    @DisplayName("a burst of concurrent wrong passwords gets at most the limit checked; then even the right password is refused from that address until the window passes")
    void concurrentGuessesCountedAtomically(@Autowired PasswordEncoder encoder) throws Exception {
        operator("ops-burst", "right-password", encoder);
        for (int i = 0; i <= throttle.perName(); i++) {
            assertThat(HttpApi.anonymous(port).as("ops-burst", "right-password").get("/api/platform/plugins").status()).isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from platform.operator_login_failure").query(Long.class).single())
                .as("a success counts for nothing").isZero();

        int burst = 30;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(burst);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < burst; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return HttpApi.anonymous(port).as("ops-burst", "wrong").get("/api/platform/plugins").status();
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(401);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from platform.operator_login_failure where username = 'ops-burst'").query(Long.class).single())
                .as("only the limit was let through to the password check").isEqualTo(throttle.perName());

        assertThat(HttpApi.anonymous(port).as("ops-burst", "right-password").get("/api/platform/plugins").status()).isEqualTo(401);
        clock.move(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(HttpApi.anonymous(port).as("ops-burst", "right-password").get("/api/platform/plugins").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("signing in to the console rotates its CSRF token: the token of the sign-in page no longer works")
    void csrfRotatedAtSignIn() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String before = csrf(browser.send(HttpRequest.newBuilder(uri("/console/login")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(submit(browser, "admin", HttpApi.ADMIN_PASSWORD, before).statusCode()).isEqualTo(302);
        String after = csrf(browser.send(HttpRequest.newBuilder(uri("/console")).build(), HttpResponse.BodyHandlers.ofString()).body());

        String invalid = "{\"code\":\"\"}"; // changes nothing either way
        assertThat(post(browser, invalid, before).statusCode()).as("the token from before sign-in").isEqualTo(403);
        assertThat(post(browser, invalid, after).statusCode()).as("the new token passes CSRF, then validation refuses").isEqualTo(400);
    }

    private HttpResponse<String> post(HttpClient browser, String body, String token) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri("/api/platform/tenants")).header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF token").isTrue();
        return m.group(1);
    }
}
