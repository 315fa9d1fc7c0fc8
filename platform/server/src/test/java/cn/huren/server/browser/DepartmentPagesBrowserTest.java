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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** 部门管理 in a real Chromium at a phone's viewport (390×844): the enterprise's ADMIN builds three levels and places people. */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentPagesBrowserTest {

    static final String TENANT = "dpb";
    static final String HOST = "dpb.localhost";

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
    @DisplayName("APP-70, APP-71, APP-74 on a phone: three levels, people checked into two departments at once, a move under its own "
            + "sub-department and deleting a department with a sub-department refused next to the action")
    void departmentsOnAPhone() {
        browser.resize(390, 844);
        browser.go(HOST, "/account/login?lang=zh-CN");
        String mobile = "13912348801";
        AccountPagesFlow.registerAndVerify(browser, HOST, new SentCodes(sms, TENANT), mobile, "孙管理", AccountPagesBrowserTest.residentId("19800101", 7), "/account");
        long admin = sql("select id from account where mobile = ? and status = 'ACTIVE'", mobile);
        long enterprise = tenants.callAs(TENANT, () -> parties.register(
                new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "手机部门有限公司", "test", null)).id());
        AccountSessionFixture accounts = new AccountSessionFixture(tenants, data, transactions, clock);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, admin, MemberRole.ADMIN, true, "TEST", "test", Map.of())));
        for (String name : List.of("周一", "吴二")) {
            long account = accounts.openVerified(TENANT, name).accountId();
            tenants.callAs(TENANT, () -> tx.execute(s -> memberships.add(enterprise, account, MemberRole.STAFF, true, "TEST", "test", Map.of())));
        }
        String page = "/account/enterprises/" + enterprise + "/departments";

        browser.go(HOST, page);
        assertThat(browser.text("h1")).isEqualTo("部门管理");
        assertThat(browser.text("#no-departments")).contains("还没有部门");
        create("研发中心", null);
        long top = department("研发中心");
        create("平台部", top);
        long second = department("平台部");
        create("基础组", second);
        long third = department("基础组");
        assertThat(browser.text("#dept-" + third)).contains("基础组");
        assertThat(browser.find("#dept-" + third).getAttribute("class")).contains("level-3");
        assertThat(browser.driver.findElements(By.cssSelector("#parentId option[value='" + third + "']")))
                .as("a third-level department offers no fourth level").isEmpty();

        // 人员调动: both people into 平台部 and 基础组 at once
        long zhou = sql("select m.id from membership m join account a on a.id = m.account_id join party p on p.id = a.party_id "
                + "where m.enterprise_id = ? and p.name = '周一'", enterprise);
        long wu = sql("select m.id from membership m join account a on a.id = m.account_id join party p on p.id = a.party_id "
                + "where m.enterprise_id = ? and p.name = '吴二'", enterprise);
        browser.click("#bulk-m-" + zhou);
        browser.click("#bulk-m-" + wu);
        browser.click("#bulk-d-" + second);
        browser.click("#bulk-d-" + third);
        browser.submit("#bulk-add");
        assertThat(browser.text("#notice")).contains("已添加至所选部门");
        assertThat(browser.text("#dept-" + second + " summary")).contains("2 人");
        assertThat(browser.text("#dept-" + third + " summary")).contains("2 人");
        browser.driver.executeScript("window.scrollTo(0, 0);");
        assertThat(browser.fitsWidth()).as("no sideways scrolling on a phone").isTrue();
        browser.screenshot("enterprise-departments-tree-phone");

        // 部门设置: 研发中心 under its own 基础组 is refused next to the move
        browser.click("#dept-" + top + " summary");
        new org.openqa.selenium.support.ui.Select(browser.find("#d" + top + "-parentId")).selectByValue(Long.toString(second));
        browser.submit("#d" + top + "-move");
        assertThat(browser.text("#error-d" + top + "-parentId")).contains("不能移到本部门或其下级部门之下");
        // deleting 平台部 while it has 基础组 and people
        browser.go(HOST, page + "?open=" + second);
        browser.submit("#d" + second + "-delete");
        assertThat(browser.text("#error-d" + second + "-problem")).contains("还有子部门", "基础组");
        assertThat(browser.fitsWidth()).as("no sideways scrolling on a phone").isTrue();
        browser.screenshot("enterprise-departments-guard-phone");

        // 从本部门内删除, then 基础组 is empty and goes
        browser.go(HOST, page + "?open=" + third);
        browser.click("#d" + third + "-m-" + zhou);
        browser.click("#d" + third + "-m-" + wu);
        browser.submit("#d" + third + "-remove");
        assertThat(browser.text("#dept-" + third + " summary")).contains("0 人");
        browser.submit("#d" + third + "-delete");
        assertThat(browser.text("#notice")).contains("部门已删除");
        assertThat(browser.driver.findElements(By.cssSelector("#dept-" + third))).isEmpty();
        assertThat(sql("select count(*) from department where enterprise_id = ?", enterprise)).isEqualTo(2);
    }

    void create(String name, Long parent) {
        browser.type("#name", name);
        if (parent != null) {
            new org.openqa.selenium.support.ui.Select(browser.find("#parentId")).selectByValue(Long.toString(parent));
        }
        browser.submit("#create-submit");
        assertThat(browser.text("#notice")).contains("部门已添加");
    }

    long department(String name) {
        return sql("select id from department where name = ?", name);
    }

    long sql(String sql, Object... params) {
        return tenants.callAs(TENANT, () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

}
