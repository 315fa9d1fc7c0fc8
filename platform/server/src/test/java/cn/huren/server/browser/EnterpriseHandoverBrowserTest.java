package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.AccountSessionFixture;
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
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enterprise information page (ORD-06–08) and the administrator's handover page (APP-78's statement, APP-79's letter)
 * in a real Chromium at a phone's viewport (390×844), signed in as a person registered through the pages.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnterpriseHandoverBrowserTest {

    static final String TENANT = "ehb";
    static final String HOST = "ehb.localhost";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sms;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    Memberships memberships;
    @Autowired
    PartyRegistration parties;

    Browser browser;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu", HOST));
        browser = Browser.open(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("ORD-06, APP-79 on a phone: the ADMIN saves the basic information; makes a handover statement for a staff member; "
            + "uploads the sealed letter, which waits for review")
    void infoAndHandoverOnAPhone() throws Exception {
        browser.resize(390, 844);
        String mobile = "137" + String.format("%08d", (int) (Math.random() * 100_000_000));
        browser.go(HOST, "/account/register?lang=zh-CN");
        browser.type("#mobile", mobile);
        SentCodes sent = new SentCodes(sms, TENANT); // made before the code is asked for: it reads what comes after
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", sent.next(mobile));
        browser.click("#agree");
        browser.submit("#register-submit");
        browser.waitForPath("/account/real-name");
        browser.type("#name", "页管理");
        browser.type("#documentNumber", AccountPagesBrowserTest.residentId("19820202", 7));
        browser.submit("#real-name-submit");
        browser.waitForPath("/account");

        TransactionTemplate tx = new TransactionTemplate(transactions);
        long admin = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from account where mobile = ?").param(mobile).query(Long.class).single());
        AccountSessionFixture.Opened staff = new AccountSessionFixture(tenants, data, transactions, clock).openVerified(TENANT, "页员工");
        long enterprise = tenants.callAs(TENANT, () -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "页面测试有限公司",
                "test", null)).id());
        tenants.callAs(TENANT, () -> tx.execute(s -> {
            memberships.add(enterprise, admin, MemberRole.ADMIN, true, "TEST", "test", Map.of());
            return memberships.add(enterprise, staff.accountId(), MemberRole.STAFF, true, "TEST", "test", Map.of());
        }));

        browser.go(HOST, "/account/enterprises/" + enterprise + "/info");
        browser.type("#basic-address", "南京市建邺区汉中门大街145号");
        browser.type("#basic-legalRepresentative", "王法人");
        browser.type("#basic-registeredCapital", "1000000.50");
        browser.type("#basic-phone", "025-84001234");
        browser.submit("#basic-submit");
        assertThat(browser.text("#notice")).isEqualTo("已保存。");
        assertThat(browser.find("#basic-registeredCapital").getAttribute("value")).isEqualTo("1000000.50");
        assertThat(browser.fitsWidth()).isTrue();
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("enterprise-info-phone");
        assertThat(tenants.callAs(TENANT, () -> data.jdbc().sql("select content ->> 'registeredCapitalFen' from enterprise_profile "
                + "where enterprise_id = ? and section = 'BASIC'").param(enterprise).query(String.class).single())).isEqualTo("100000050");

        browser.go(HOST, "/account/enterprises/" + enterprise + "/handover");
        new Select(browser.find("#cert-to")).selectByValue(Long.toString(staff.accountId()));
        browser.submit("#statement-submit");
        assertThat(browser.find("#statement-text").getAttribute("value")).contains("页面测试有限公司", "页管理", "页员工");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("enterprise-handover-statement-phone");

        Path letter = Files.createTempFile("letter", ".pdf");
        Files.writeString(letter, "%PDF-1.4\n% sealed letter\n%%EOF\n");
        browser.find("#letter-file").sendKeys(letter.toAbsolutePath().toString());
        browser.submit("#letter-submit");
        assertThat(browser.text("#notice")).contains("已提交 CA 审核");
        assertThat(browser.text("#handovers")).contains("无证转让", "审核中");
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("enterprise-handover-phone");
        Files.deleteIfExists(letter);
        assertThat(tenants.callAs(TENANT, () -> memberships.admin(enterprise).orElseThrow().accountId())).isEqualTo(admin);
    }
}
