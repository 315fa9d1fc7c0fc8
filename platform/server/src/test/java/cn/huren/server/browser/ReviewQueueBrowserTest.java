package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator creates a tenant reviewer on the console; the reviewer signs in and approves an item of its queue (desktop viewport). */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewQueueBrowserTest {

    static final String TENANT = "rqb";

    @LocalServerPort
    int port;

    Browser browser;
    Applicants applicants;
    Applicants.Holder party;

    @BeforeAll
    void setUp() throws Exception {
        applicants = new Applicants(port, TENANT).onboard();
        party = applicants.enterprise(Applicants.uscc());
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("the operator creates the tenant's reviewer with the console's form; the reviewer signs in, sees the queue, opens an application's "
            + "item and approves it: the CA issued the certificate")
    void reviewerApproves() throws Exception {
        long application = applicants.apply(party, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();

        browser.signInToConsole(HttpApi.ADMIN_PASSWORD);
        browser.go("localhost", "/console/tenants/" + TENANT);
        browser.submit("#reviewers-link");
        browser.type("#reviewer-username", "rqb-desk");
        browser.type("#reviewer-password", "short");
        browser.submit("#create-reviewer");
        assertThat(browser.text("#reviewer-errors")).as("a short password is refused, the name kept").isNotBlank();
        assertThat(browser.find("#reviewer-username").getAttribute("value")).isEqualTo("rqb-desk");
        browser.type("#reviewer-password", "rqb-desk-password");
        browser.submit("#create-reviewer");
        assertThat(browser.text("#reviewer-rqb-desk")).contains("rqb-desk", "启用");
        browser.screenshot("console-reviewers");
        browser.submit("#logout");

        browser.go("localhost", "/console/login");
        browser.type("#username", "rqb-desk");
        browser.type("#password", "rqb-desk-password");
        browser.submit("#sign-in");
        browser.waitForPath("/console/reviews/" + TENANT);
        assertThat(browser.text("#items")).contains("证书申请", "待审核");
        browser.screenshot("review-queue");

        browser.submit("#items tbody tr:last-child a.open-item");
        assertThat(browser.text("#item-kind")).isEqualTo("证书申请");
        assertThat(browser.text("#item-status")).isEqualTo("待审核");
        browser.screenshot("review-item");
        browser.submit("#approve");
        assertThat(browser.text("#approved")).isEqualTo("已审核通过。");
        assertThat(browser.text("#queue-empty")).isNotBlank();
        browser.screenshot("review-approved");

        assertThat(PartyClient.json(applicants.me("GET", "/certificate-applications/" + application, party.token(), null))
                .get("state").asText()).isEqualTo("AWAITING_DOWNLOAD");
    }
}
