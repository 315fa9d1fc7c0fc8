package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Certificate applications and revocation on the portal in a real Chromium. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateApplicationsBrowserTest {

    static final String TENANT = "cappb";
    static final String HOST = TENANT + ".localhost";

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("证书申请 SM2 CA", KeyAlgorithm.SM2);
    final Issued primary = PartyClient.enterpriseCertificate(ca, "证书申请测试有限公司", RegisteredParties.uscc(937));
    Browser browser;
    Applicants applicants;
    Applicants.Holder admin;

    @BeforeAll
    void setUp() throws Exception {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca, HOST);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/demo-ca", null).status()).isEqualTo(200);
        admin = new Applicants.Holder(null, new PartyClient(port).enterprise(TENANT, primary).get(0));
        applicants = new Applicants(port, TENANT);
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("SX-16, SX-17, SX-19, APP-29, APP-32: the certificate list shows applications 审核中, 待下载 and 已失效 with the CA's reason "
            + "and 继续, which opens the application form (bad input keeps what was typed and says why; a good request applies); a downloaded one is a bound certificate whose details show its application date, and which the administrator "
            + "revokes (注销) from its details page, confirmed")
    void applicationsAndRevocation() throws Exception {
        long inReview = applicants.apply(admin, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
        long approved = applicants.apply(admin, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
        assertThat(applicants.review(approved, "approve", null).status()).isEqualTo(200);
        long rejected = applicants.apply(admin, new DemoCaClient(port, "EC"), "ISSUE", null).get("id").asLong();
        assertThat(applicants.review(rejected, "reject", Map.of("reason", "授权书未盖章")).status()).isEqualTo(200);
        DemoCaClient staff = new DemoCaClient(port, "SM2");
        long bindingId = applicants.issued(admin, staff, "ISSUE", null).get("bindingId").asLong();

        PortalSignIn.scanAndConfirm(browser, HOST, primary);
        browser.waitForPath("/overview");
        browser.submit("#nav-certificates");
        assertThat(browser.text("#application-" + inReview)).contains("审核中", "等待 CA 审核");
        assertThat(browser.text("#application-" + approved)).contains("待下载", "huren-download:" + TENANT + ":" + approved);
        assertThat(browser.text("#application-" + rejected)).contains("已失效", "授权书未盖章", "继续");
        assertThat(browser.text("#certificate-" + bindingId)).contains("生效中");
        browser.screenshot("certificate-applications");

        browser.submit("#application-" + rejected + " a.continue");
        assertThat(browser.find("#kind").getAttribute("value")).as("SX-17: 继续 opens the form for the same kind").isEqualTo("ISSUE");
        browser.type("#holderName", "经办人二");
        browser.screenshot("certificate-apply");
        browser.setValue("#csr", "not a certification request");
        browser.submit("#apply-submit");
        assertThat(browser.text("#form-error")).as("bad input: a message, nothing applied").isNotBlank();
        assertThat(browser.find("#holderName").getAttribute("value")).as("what was typed is kept").isEqualTo("经办人二");
        DemoCaClient again = new DemoCaClient(port, "SM2");
        browser.setValue("#csr", again.csr(again.key.getPrivate()));
        browser.submit("#apply-submit");
        assertThat(browser.text("#notice")).isEqualTo("证书申请已提交，等待 CA 审核。");
        assertThat(browser.text("#application-list")).contains("经办人二", "审核中");

        browser.submit("#certificate-" + bindingId + " a");
        assertThat(browser.text("#applied-at")).as("SX-19: the application date of a certificate that came through one").contains("新办");
        browser.type("#revoke-reason", "经办人离职");
        browser.click("#revoke-submit");
        assertThat(browser.text("#status")).as("the confirmation box is required").isEqualTo("生效中");
        browser.click("#revoke-confirm");
        browser.submit("#revoke-submit");
        assertThat(browser.text("#notice")).isEqualTo("证书已注销。");
        assertThat(browser.text("#status")).isEqualTo("已注销");
        assertThat(browser.text("#status-reason")).isEqualTo("经办人离职");
        assertThat(browser.driver.findElements(By.cssSelector("#revoke, #disable"))).isEmpty();
        browser.screenshot("certificate-revoked");
        assertThat(staff.login(TENANT).status()).isEqualTo(403);
    }
}
