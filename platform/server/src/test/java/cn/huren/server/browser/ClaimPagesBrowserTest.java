package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
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

/** 搜索企业 → 认领企业 → 我的认领 in a real Chromium at a phone's viewport (390×844). */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimPagesBrowserTest {

    static final String TENANT = "clmb";
    static final String HOST = "clmb.localhost";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PartyRegistration parties;

    Browser browser;
    Path png;

    @BeforeAll
    void setUp() throws Exception {
        HttpApi op = HttpApi.operator(port);
        assertThat(op.post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu", HOST)).status()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + TENANT + "/demo-ca", null).status()).isEqualTo(200);
        browser = Browser.open(port);
        png = Files.createTempFile("claim-", ".png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    }

    @AfterAll
    void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        Files.deleteIfExists(png);
    }

    @Test
    @DisplayName("APP-12, APP-14, APP-15, APP-16, APP-17: at a phone's size a verified person finds an unregistered enterprise (claim or "
            + "bank transfer offered), claims it in three steps with the licence and the sealed letter, and follows its review on 我的认领")
    void searchClaimAndFollow() {
        String uscc = Applicants.uscc();
        tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, "浏览器认领科技有限公司", "test", null)));
        browser.resize(390, 844);
        String mobile = "13912349901";
        AccountPagesFlow.registerAndVerify(browser, HOST, new SentCodes(sms, TENANT), mobile, "吴认领", AccountPagesBrowserTest.residentId("19860606", 7), "/account");

        browser.submit("#link-enterprises");
        browser.waitForPath("/account/enterprises");
        browser.submit("#link-enterprise-search");
        browser.waitForPath("/account/enterprises/search");
        browser.type("#q", "浏览器认领");
        browser.submit("#search-submit");
        assertThat(browser.text("#result-" + uscc)).contains("浏览器认领科技有限公司", "未注册", "购买CA证书认证", "对公打款认证");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-search-phone");

        browser.submit("#claim-" + uscc);
        browser.waitForPath("/account/enterprises/claim");
        assertThat(browser.find("#enterpriseName").getAttribute("value")).isEqualTo("浏览器认领科技有限公司");
        assertThat(browser.find("#uscc").getAttribute("value")).isEqualTo(uscc);
        browser.find("#licence").sendKeys(png.toString());
        browser.type("#legalRepresentativeName", "吴法人");
        browser.type("#legalRepresentativeDocumentNumber", "11010519491231002X");
        browser.type("#legalRepresentativeMobile", "13800138000");
        browser.setValue("#licenceValidUntil", "2040-12-31");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-claim-step1-phone");
        browser.click("#step1-next");

        browser.click("#platform-" + TENANT);
        browser.click("#ca-0");
        browser.click("#roaming summary");
        browser.click("#region-31");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-claim-step2-phone");
        browser.click("#step2-next");

        assertThat(browser.find("#letter-template").getAttribute("href")).contains("/account/enterprises/claim/letter", uscc);
        browser.find("#letter").sendKeys(png.toString());
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-claim-step3-phone");
        browser.submit("#claim-submit");

        browser.waitForPath("/account/enterprises/claims");
        assertThat(browser.text("#notice")).contains("认领已提交");
        assertThat(browser.text("#claims")).contains("浏览器认领科技有限公司", "审核中", "已提交");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-claims-phone");

        long item = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from review_item where kind = 'enterprise-claim' and status = 'OPEN'")
                .query(Long.class).single());
        assertThat(Reviewers.of(port, TENANT).post("/api/review/" + TENANT + "/items/" + item + "/approve", null).status()).isEqualTo(200);
        browser.go(HOST, "/account/enterprises/claims");
        assertThat(browser.text("#claims")).contains("审核通过", "CA证书已通过审核");
        browser.screenshot("enterprise-claim-approved-phone");
    }
}
