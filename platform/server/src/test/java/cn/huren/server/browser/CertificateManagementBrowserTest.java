package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Certificate management on the portal in a real Chromium: disable, refused login, re-enable, check, log, seals, void and re-admit. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateManagementBrowserTest {

    static final String HOST = "csb.localhost";

    @LocalServerPort
    int port;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("证书管理 SM2 CA", KeyAlgorithm.SM2);
    final String uscc = RegisteredParties.uscc(931);
    final Issued primary = PartyClient.enterpriseCertificate(ca, "证书管理测试有限公司", uscc);
    final Issued staff = PartyClient.enterpriseCertificate(ca, "证书管理测试有限公司", uscc);
    final Issued colleague = PartyClient.enterpriseCertificate(ca, "证书管理测试有限公司", uscc);
    Browser browser;
    long staffId;
    long colleagueId;

    @BeforeAll
    void setUp() throws Exception {
        PartyClient.tenantTrusting(port, "csb", "jiangsu", ca, HOST);
        PartyClient client = new PartyClient(port);
        String first = client.enterprise("csb", primary, staff, colleague).get(0);
        staffId = PartyClient.json(client.call("GET", "csb", "/certificates", first, null)).get(1).get("id").asLong();
        colleagueId = PartyClient.json(client.call("GET", "csb", "/certificates", first, null)).get(2).get("id").asLong();
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    void signInAsPrimary() throws Exception {
        PortalSignIn.scanAndConfirm(browser, HOST, primary);
        browser.waitForPath("/overview");
    }

    void logout() {
        browser.click("#logout button");
        browser.waitForPath("/");
    }

    @Test
    @Order(1)
    @DisplayName("APP-29, APP-30, APP-33, SX-19: the administrator disables a certificate on its details page; its USB-key login is refused "
            + "with the reason; the log shows it; only the administrator re-enables it, and it logs in again")
    void disableRefuseEnable() throws Exception {
        signInAsPrimary();
        browser.submit("#nav-certificates");
        browser.submit("#certificate-" + staffId + " a");
        assertThat(browser.text("#status")).isEqualTo("生效中");
        assertThat(browser.text("#type")).isEqualTo("单位证书");
        assertThat(browser.text("#serial")).isEqualTo(staff.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(browser.text("#holder")).isEqualTo("经办人1");
        browser.click("#disable-confirm");
        browser.submit("#disable-submit");
        assertThat(browser.text("#notice")).isEqualTo("证书已禁用。");
        assertThat(browser.text("#status")).isEqualTo("已禁用");
        assertThat(browser.driver.findElements(By.cssSelector("#disable"))).isEmpty();
        browser.find("#enable");
        browser.screenshot("certificate-disabled");
        logout();

        PortalSignIn.scanAndConfirm(browser, HOST, colleague);
        browser.waitForPath("/overview");
        browser.go(HOST, "/certificates/" + staffId);
        assertThat(browser.text("#disabled-note")).as("APP-30: staff are told to ask the administrator").contains("请联系管理员");
        assertThat(browser.driver.findElements(By.cssSelector("#enable, #disable"))).isEmpty();
        logout();

        try (LocalSigner key = LocalSigner.start(CertificateLoginBrowserTest.SIGNER_PORT, staff.certificate(), staff.privateKey(), "123456",
                "KEY-931-B")) {
            browser.go(HOST, "/login/ukey");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            assertThat(browser.waitForText("#login-status", "禁用")).contains("请联系管理员启用");
            browser.screenshot("login-certificate-disabled");

            signInAsPrimary();
            browser.go(HOST, "/certificates/" + staffId);
            assertThat(browser.text("#certificate-log")).contains("登录被拒绝").contains("禁用").contains("绑定（激活）");
            assertThat(browser.text("#certificate-log .log-REFUSED")).contains("certificate-disabled");
            browser.click("#enable-submit");
            assertThat(browser.text("#status")).as("APP-49: the confirmation box is required").isEqualTo("已禁用");
            browser.click("#enable-confirm");
            browser.submit("#enable-submit");
            assertThat(browser.text("#notice")).isEqualTo("证书已启用。");
            assertThat(browser.text("#status")).isEqualTo("生效中");
            logout();

            browser.go(HOST, "/login/ukey");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            browser.waitForPath("/overview");

            // APP-34: the check, with the key's PIN, proves possession; the staff certificate sees no administrator actions
            browser.go(HOST, "/certificates/" + staffId);
            assertThat(browser.driver.findElements(By.cssSelector("#disable, #enable, #seal-add, #type-form"))).isEmpty();
            browser.type("#check-pin", "123456");
            browser.submit("#check-submit");
            assertThat(browser.text("#check-summary")).contains("检测通过");
            assertThat(browser.text("#check-possession .outcome")).isEqualTo("通过");
            assertThat(browser.text("#check-revocation .outcome")).isEqualTo("通过");
            assertThat(browser.driver.getCurrentUrl()).endsWith("#check-section");
            browser.screenshot("certificate-check");
            logout();
        }
    }

    @Test
    @Order(2)
    @DisplayName("SX-19, APP-55: the administrator links a company seal (公章) to the enterprise certificate; the details page shows its "
            + "image; a file that is no PNG is refused with a message and nothing is stored")
    void sealOnTheDetailsPage() throws Exception {
        Path png = Files.createTempFile("seal", ".png");
        Path fake = Files.createTempFile("fake", ".png");
        try {
            BufferedImage image = new BufferedImage(160, 160, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.RED);
            g.fillOval(10, 10, 140, 140);
            g.dispose();
            ImageIO.write(image, "png", png.toFile());
            Files.writeString(fake, "not a picture");

            signInAsPrimary();
            browser.submit("#nav-certificates");
            browser.submit("#certificates tbody tr:nth-child(1) a");
            assertThat(browser.text("#seals")).contains("暂无");
            browser.type("#seal-name", "证书管理测试有限公司公章");
            browser.find("#seal-image").sendKeys(fake.toAbsolutePath().toString());
            browser.submit("#seal-submit");
            assertThat(browser.text("#problem")).isNotBlank();
            assertThat(browser.text("#seal-image-error")).contains("PNG");
            assertThat(browser.text("#seals")).contains("暂无");

            browser.type("#seal-name", "证书管理测试有限公司公章");
            browser.find("#seal-image").sendKeys(png.toAbsolutePath().toString());
            browser.submit("#seal-submit");
            assertThat(browser.text("#notice")).isEqualTo("印章已添加。");
            assertThat(browser.text("#seal-COMPANY")).contains("公章").contains("证书管理测试有限公司公章");
            Object width = browser.driver.executeScript("return document.querySelector('#seal-COMPANY img').naturalWidth;");
            assertThat(((Number) width).intValue()).as("the browser decoded the served PNG").isEqualTo(160);
            browser.screenshot("certificate-seal");
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(fake);
        }
    }

    @Test
    @Order(3)
    @DisplayName("JS-81: the administrator voids a certificate on its details page; its USB-key login is refused with the reason "
            + "(作废, ask for re-admission); only after the administrator re-admits it (重新准许, confirmed, in its log) does its login "
            + "lead to activation")
    void voidAndReadmit() throws Exception {
        Path pdf = Files.createTempFile("evidence", ".pdf");
        try {
            Files.writeString(pdf, "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF");
            signInAsPrimary();
            browser.go(HOST, "/certificates/" + colleagueId);
            browser.type("#void-reason-input", "经办人离职");
            browser.find("#void-evidence").sendKeys(pdf.toAbsolutePath().toString());
            browser.submit("#void-submit");
            assertThat(browser.text("#notice")).isEqualTo("已作废。");
            assertThat(browser.text("#status")).isEqualTo("作废");
            assertThat(browser.text("#voided-note")).contains("重新准许");
            browser.find("#readmit");
            logout();
        } finally {
            Files.deleteIfExists(pdf);
        }

        try (LocalSigner key = LocalSigner.start(CertificateLoginBrowserTest.SIGNER_PORT, colleague.certificate(), colleague.privateKey(),
                "123456", "KEY-931-C")) {
            browser.go(HOST, "/login/ukey");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            assertThat(browser.waitForText("#login-status", "作废")).contains("重新准许");
            browser.screenshot("login-certificate-voided");

            signInAsPrimary();
            browser.go(HOST, "/certificates/" + colleagueId);
            assertThat(browser.text("#certificate-log .log-REFUSED")).contains("certificate-voided");
            browser.click("#readmit-submit");
            assertThat(browser.driver.findElements(By.cssSelector("#readmitted-note"))).as("the confirmation box is required").isEmpty();
            browser.click("#readmit-confirm");
            browser.submit("#readmit-submit");
            assertThat(browser.text("#notice")).startsWith("证书已重新准许");
            assertThat(browser.text("#status")).as("the voided entry stays voided").isEqualTo("作废");
            assertThat(browser.text("#readmitted-note")).contains("重新准许");
            assertThat(browser.driver.findElements(By.cssSelector("#readmit"))).isEmpty();
            assertThat(browser.text("#certificate-log .log-READMIT")).contains("重新准许");
            browser.screenshot("certificate-readmitted");
            logout();

            browser.go(HOST, "/login/ukey");
            browser.type("#pin", "123456");
            browser.click("#ukey-submit");
            browser.waitForPath("/activate");
        }
    }
}
