package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.review.Reviewers;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** 变更企业信息 and 企业解散 in a real Chromium at a phone's viewport (390×844): the administrator's two pages. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnterpriseChangeBrowserTest {

    static final String TENANT = "ecb";
    static final String HOST = "ecb.localhost";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    Memberships memberships;
    @Autowired
    PartyRegistration parties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    PasswordEncoder passwords;

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
    @DisplayName("APP-65, APP-66, APP-67: at a phone's size the administrator asks for a new legal representative with the sealed "
            + "letter, sees it in review and then approved; then dissolves the enterprise with password, SMS code and confirmation")
    void changeThenDissolveOnAPhone() throws Exception {
        browser.resize(390, 844);
        String mobile = "13912347001";
        browser.go(HOST, "/account/register?lang=zh-CN");
        browser.type("#mobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", sent.next(mobile));
        browser.click("#agree");
        browser.submit("#register-submit");
        browser.waitForPath("/account/real-name");
        browser.type("#name", "钱管理");
        browser.type("#documentNumber", AccountPagesBrowserTest.residentId("19800808", 5));
        browser.submit("#real-name-submit");
        browser.waitForPath("/account");

        long account = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from account where mobile = ? and status = 'ACTIVE'")
                .param(mobile).query(Long.class).single());
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long e = tenants.callAs(TENANT, () -> tx.execute(s -> {
            long id = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "手机变更有限公司", "test", null)).id();
            memberships.add(id, account, MemberRole.ADMIN, true, "TEST", "test", Map.of());
            data.jdbc().sql("update account set password_hash = ? where id = ?").params(passwords.encode("Secret123"), account).update();
            return id;
        }));

        browser.go(HOST, "/account/enterprises/" + e + "/change");
        assertThat(browser.text("h1")).isEqualTo("变更企业信息");
        assertThat(browser.text("#enterprise-name")).isEqualTo("手机变更有限公司");
        browser.type("#legalRepresentativeName", "孙法人");
        browser.type("#legalRepresentativeDocument", AccountPagesBrowserTest.residentId("19750101", 7));
        browser.type("#legalRepresentativeMobile", "13812340007");
        Path letter = Files.createTempFile("letter", ".png");
        Files.write(letter, PNG);
        browser.find("#letter").sendKeys(letter.toString());
        assertThat(browser.fitsWidth()).as("no sideways scrolling on a phone").isTrue();
        browser.screenshot("enterprise-change-phone");
        browser.submit("#change-submit");
        assertThat(browser.waitForText("#notice", "变更申请已提交")).contains("等待客服审核");
        assertThat(browser.text("#changes")).contains("审核中", "孙法人");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#change-form"))).as("one open change at a time").isEmpty();
        assertThat(browser.text("#unfinished")).contains("有一项企业变更正在审核中");

        long item = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from review_item where kind = 'enterprise-change' and status = 'OPEN'")
                .query(Long.class).single());
        assertThat(Reviewers.of(port, TENANT).post("/api/review/" + TENANT + "/items/" + item + "/approve", null).status()).isEqualTo(200);
        browser.go(HOST, "/account/enterprises/" + e + "/change");
        assertThat(browser.text("#changes")).contains("已通过");

        browser.submit("#to-dissolve");
        browser.waitForPath("/account/enterprises/" + e + "/dissolve");
        assertThat(browser.text("h1")).isEqualTo("企业解散");
        browser.type("#password", "Secret123");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", sent.next(mobile));
        browser.click("#confirm");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-dissolve-phone");
        browser.submit("#dissolve-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#notice")).contains("企业已解散");
        assertThat(tenants.callAs(TENANT, () -> data.jdbc().sql("select count(*) from membership where enterprise_id = ? and status = 'DISSOLVED'")
                .param(e).query(Long.class).single())).isOne();
    }
}
