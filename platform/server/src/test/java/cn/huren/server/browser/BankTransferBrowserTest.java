package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 对公打款认证 through the portal pages at a phone's size, against the sandbox bank (docs/bank-transfer.md). */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankTransferBrowserTest {

    static final String TENANT = "btb";
    static final String HOST = "btb.localhost";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;

    Browser browser;
    SentCodes sent;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu", HOST));
        browser = Browser.open(port);
        sent = new SentCodes(sms, TENANT);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("APP-25: on a phone, the steps in the manual's order — enterprise, sealed letter, last six digits, the amount and "
            + "the account to transfer to, the terms, confirm — each refusal next to its field; the sandbox bank receives the transfer "
            + "and the person becomes the enterprise's administrator")
    void verifyOnAPhone() throws Exception {
        browser.resize(390, 844);
        String mobile = "13912347701";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "郑十", AccountPagesBrowserTest.residentId("19820202", 7), "/account");
        browser.submit("#link-enterprises");
        browser.waitForPath("/account/enterprises");
        browser.submit("#link-bank-transfer");
        browser.waitForPath("/account/enterprises/bank-transfer");

        browser.type("#uscc", "9132");
        browser.submit("#enterprise-next");
        assertThat(browser.text("#error-enterpriseName")).isNotBlank();
        assertThat(browser.text("#error-uscc")).contains("统一社会信用代码");
        String uscc = Applicants.uscc();
        browser.type("#enterpriseName", "掌上打款科技有限公司");
        browser.type("#uscc", uscc);
        browser.submit("#enterprise-next");

        assertThat(browser.text("#chosen-enterprise")).isEqualTo("掌上打款科技有限公司");
        assertThat(browser.find("#letter-template").getAttribute("href")).contains("letter-template", "uscc=" + uscc);
        browser.type("#payerAccountLast6", "246810");
        browser.submit("#letter-next");
        assertThat(browser.text("#error-letterId")).contains("授权书");
        assertThat(browser.find("#payerAccountLast6").getAttribute("value")).as("the input is kept").isEqualTo("246810");
        Path letter = Files.createTempFile("letter", ".png");
        Files.write(letter, PNG);
        browser.find("#letter").sendKeys(letter.toAbsolutePath().toString());
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("bank-transfer-letter-phone");
        browser.submit("#letter-next");

        assertThat(browser.text("#amount")).matches("¥\\d\\.\\d\\d");
        assertThat(browser.text("#collection-number")).isNotBlank();
        assertThat(browser.text("#bt-transfer")).contains("246810");
        browser.submit("#confirm-submit");
        assertThat(browser.text("#error-termsAccepted")).contains("我知晓并同意");
        browser.click("#termsAccepted");
        browser.submit("#confirm-submit");
        assertThat(browser.text("#error-confirm")).as("nothing arrived yet").contains("尚未收到");
        browser.submit("#sandbox-transfer-submit");
        assertThat(browser.text("#notice")).contains("沙箱银行");
        browser.click("#termsAccepted");
        assertThat(browser.fitsWidth()).isTrue();
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("bank-transfer-amount-phone");
        browser.submit("#confirm-submit");

        assertThat(browser.text("#result-title")).isEqualTo("申请成功");
        assertThat(browser.text("#result-role")).contains("掌上打款科技有限公司", "管理员");
        assertThat(browser.text("#result-manage")).contains("购买企业证书");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("bank-transfer-result-phone");
        Files.deleteIfExists(letter);
    }
}
