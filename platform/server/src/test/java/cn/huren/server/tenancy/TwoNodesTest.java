package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.server.HttpApi;
import cn.huren.server.HurenApplication;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Node A is the test's server; node B a second application on the same database. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    @LocalServerPort
    int portA;

    ConfigurableApplicationContext nodeB;
    int portB;

    @BeforeAll
    void startNodeB() {
        nodeB = new SpringApplicationBuilder(HurenApplication.class).profiles("it").properties("server.port=0").run();
        portB = nodeB.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    @DisplayName("a tenant suspended on node A is refused by node B at once (LISTEN/NOTIFY), not after its cache expires")
    void suspensionReachesOtherNodes() throws Exception {
        HttpApi.operator(portA).post("/api/platform/tenants", Tenants.body("node1", "jiangsu", "node1.localhost"));
        assertThat(HttpApi.anonymous(portB).get("/api/t/node1/notices").status()).as("node B has it cached").isEqualTo(200);

        HttpApi.operator(portA).post("/api/platform/tenants/node1/suspend", null);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                HttpApi.anonymous(portB).get("/api/t/node1/notices").status()).as("well before the 30 s cache expiry").isEqualTo(503));
    }

    @Test
    @DisplayName("wrong operator passwords counted on node A block the name on node B too (the throttle lives in PostgreSQL)")
    void throttleIsShared() {
        JdbcClient jdbc = nodeB.getBean(JdbcClient.class);
        jdbc.sql("insert into platform.operator (username, password_hash, enabled, created_at) values ('ops-nodes', ?, true, now())")
                .param(nodeB.getBean(PasswordEncoder.class).encode("right-password")).update();
        try {
            assertThat(HttpApi.anonymous(portB).as("ops-nodes", "right-password").get("/api/platform/plugins").status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                assertThat(HttpApi.anonymous(portA).as("ops-nodes", "wrong").get("/api/platform/plugins").status()).isEqualTo(401);
            }
            assertThat(HttpApi.anonymous(portB).as("ops-nodes", "right-password").get("/api/platform/plugins").status())
                    .as("blocked on the node that saw no failure").isEqualTo(401);
        } finally {
            jdbc.sql("delete from platform.operator_login_failure").update();
        }
    }

    @Test
    @DisplayName("a console session opened on node A works on node B (sessions live in PostgreSQL)")
    void sessionsAreShared() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(HttpApi.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);

        // cookies are per host, not per port: the same browser now talks to node B
        HttpResponse<String> onB = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portB + "/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("id=\"tenants\"");
    }
}
