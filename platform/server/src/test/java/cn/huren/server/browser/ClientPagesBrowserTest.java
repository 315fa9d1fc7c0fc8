package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.Outbox;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** The console page of a tenant's API clients and outbox, in a real Chromium. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientPagesBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    TenantData data;

    Browser browser;

    @BeforeAll
    void openBrowser() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("cpb1", "jiangsu"));
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("X-03: an operator creates a client with scopes, webhook and subscriptions (secret shown once), disables it, issues a new "
            + "secret, sees a dead letter with its last error and replays it")
    void clientsAndOutbox() {
        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.go("localhost", "/console/tenants/cpb1");
        browser.submit("#clients-link");
        browser.type("#client-name", "南京市交易系统");
        browser.click("[id='scope-registry:read']");
        browser.type("#webhookUrl", "http://127.0.0.1:9/huren/events");
        browser.type("#events", "track-record.*");
        browser.submit("#create");
        assertThat(browser.text("#events-error")).as("subscriptions need events:read").contains("events:read");

        browser.click("[id='scope-registry:read']");
        browser.click("[id='scope-events:read']");
        browser.submit("#create");
        String clientId = browser.text("#issued-client");
        String secret = browser.text("#issued-secret");
        assertThat(clientId).startsWith("cpb1_");
        assertThat(secret).hasSizeGreaterThan(30);
        browser.screenshot("console-clients-created");

        TenantContext.runAs(tenants.require("cpb1"), () -> {
            tx.executeWithoutResult(s -> outbox.publish(EventTypes.TRACK_RECORD_VOIDED, "1", Map.of("trackRecordId", 9)));
            // as the dispatcher leaves it after max-attempts failures (it is off in this test server)
            data.jdbc().sql("update outbox_delivery set status = 'DEAD', attempts = 12, dead_at = now(), last_status = 500, "
                    + "last_error = 'HTTP 500 receiver down'").update();
        });

        String row = "[id='client-" + clientId + "']";
        browser.submit(row + " .toggle");
        assertThat(browser.text(row + " .state")).isEqualTo("已停用");
        browser.submit(row + " .rotate");
        assertThat(browser.text("#issued-secret")).isNotEqualTo(secret);

        assertThat(browser.text("#dead")).isEqualTo("1");
        assertThat(browser.text("#dead-letters .last-error")).contains("HTTP 500 receiver down");
        browser.screenshot("console-outbox-dead-letter");
        browser.submit("#replay-all");
        assertThat(browser.text("#replayed")).contains("1");
        assertThat(browser.text("#dead")).isEqualTo("0");
        assertThat(browser.text("#pending")).isEqualTo("1");
    }
}
