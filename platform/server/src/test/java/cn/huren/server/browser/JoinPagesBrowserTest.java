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
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Joining an enterprise through the pages at a phone's viewport (390×844), two people in two browsers: the ADMIN shows
 * the enterprise's QR code and link; a person opens the link, applies on the information page; the ADMIN approves on
 * the enterprise's page; the person is a member, then leaves.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinPagesBrowserTest {

    static final String TENANT = "jnb";
    static final String HOST = "jnb.localhost";

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
    Memberships memberships;
    @Autowired
    PartyRegistration parties;

    Browser admin;
    Browser person;
    SentCodes sent;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu", HOST));
        admin = Browser.open(port);
        person = Browser.open(port);
        admin.resize(390, 844);
        person.resize(390, 844);
        sent = new SentCodes(sms, TENANT);
    }

    @AfterAll
    void tearDown() {
        if (admin != null) {
            admin.close();
        }
        if (person != null) {
            person.close();
        }
    }

    @Test
    @DisplayName("APP-21, APP-20, APP-23, APP-69, APP-77: at a phone's size, a person without an account opens the enterprise's join link "
            + "(its QR code's content), signs up, verifies and is back on the join page, applies on the information page; the ADMIN sees the request on the enterprise's page and approves; the person "
            + "sees the enterprise and its members, then leaves after confirming")
    void joinByLinkOnAPhone() {
        String adminMobile = "13912350001";
        String personMobile = "13912350002";
        AccountPagesFlow.registerAndVerify(admin, HOST, sent, adminMobile, "王管理", AccountPagesBrowserTest.residentId("19800101", 11), "/account");
        long adminAccount = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from account where mobile = ? and status = 'ACTIVE'")
                .param(adminMobile).query(Long.class).single());
        long enterprise = tenants.callAs(TENANT, () -> new TransactionTemplate(transactions).execute(s -> {
            long e = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "扫码加入科技有限公司", "test", null)).id();
            memberships.add(e, adminAccount, MemberRole.ADMIN, true, "TEST", "test", Map.of());
            return e;
        }));

        admin.go(HOST, "/account");
        admin.submit("#link-enterprises");
        admin.submit("#enterprise-" + enterprise);
        assertThat(admin.text("#my-role")).isEqualTo("管理员");
        assertThat(admin.find("#join-qr").getAttribute("naturalWidth")).as("the QR code is drawn").isNotEqualTo("0");
        String link = admin.find("#join-link").getAttribute("value");
        assertThat(link).startsWith("http://" + HOST + ":" + port + "/account/enterprises/join?token=");
        assertThat(admin.fitsWidth()).isTrue();
        admin.driver.executeScript("document.getElementById('share').scrollIntoView();");
        admin.screenshot("join-enterprise-qr-phone");

        person.driver.get(link); // as a phone opens the QR code's link: no account yet, so sign-up first, then back here
        person.waitForPath("/account/login");
        AccountPagesFlow.registerAndVerify(person, HOST, sent, personMobile, "赵申请", AccountPagesBrowserTest.residentId("19900101", 12), "/account/enterprises/join");
        assertThat(person.text("#join-enterprise-name")).isEqualTo("扫码加入科技有限公司");
        person.type("#position", "出纳");
        person.type("#remark", "财务部新同事");
        assertThat(person.fitsWidth()).isTrue();
        person.screenshot("join-information-page-phone");
        person.submit("#join-submit");
        person.waitForPath("/account/enterprises");
        assertThat(person.text("#notice")).contains("申请已提交");
        assertThat(person.text("#requests")).contains("您正在申请加入扫码加入科技有限公司");

        admin.go(HOST, "/account/enterprises/" + enterprise);
        assertThat(admin.text("#join-requests")).contains("赵申请", "出纳", "扫码申请");
        assertThat(admin.driver.getPageSource()).doesNotContain(personMobile);
        admin.driver.executeScript("document.getElementById('join-requests').scrollIntoView();");
        admin.screenshot("join-request-to-approve-phone");
        admin.submit("[id^=approve-]");
        assertThat(admin.text("#notice")).contains("已同意");
        assertThat(admin.text("#members")).contains("王管理", "赵申请", "办事人员");

        person.go(HOST, "/account/enterprises");
        assertThat(person.text("#enterprises")).contains("扫码加入科技有限公司", "办事人员");
        person.submit("#enterprise-" + enterprise);
        assertThat(person.text("#my-role")).isEqualTo("办事人员");
        assertThat(person.text("#members")).contains("王管理", "赵申请");
        assertThat(person.fitsWidth()).isTrue();
        person.screenshot("join-enterprise-member-phone");
        person.submit("#leave");
        assertThat(person.text("#leave-question")).contains("扫码加入科技有限公司");
        person.submit("#leave-submit");
        person.waitForPath("/account/enterprises");
        assertThat(person.text("#notice")).contains("退出企业");
        assertThat(person.text("#no-enterprises")).isNotBlank();

        admin.go(HOST, "/account/enterprises/" + enterprise);
        assertThat(admin.text("#members")).doesNotContain("赵申请");
    }

    @Test
    @DisplayName("APP-68, APP-76: the ADMIN invites a number on the enterprise's page; its person accepts the invitation from 我的企业 "
            + "and is staff at once; the ADMIN ticks the member and removes them")
    void inviteThenRemoveOnAPhone() {
        String adminMobile = "13912350003";
        String personMobile = "13912350004";
        AccountPagesFlow.registerAndVerify(admin, HOST, sent, adminMobile, "钱管理", AccountPagesBrowserTest.residentId("19800101", 13), "/account");
        AccountPagesFlow.registerAndVerify(person, HOST, sent, personMobile, "孙受邀", AccountPagesBrowserTest.residentId("19900101", 14), "/account");
        long adminAccount = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from account where mobile = ? and status = 'ACTIVE'")
                .param(adminMobile).query(Long.class).single());
        long enterprise = tenants.callAs(TENANT, () -> new TransactionTemplate(transactions).execute(s -> {
            long e = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, Applicants.uscc(), "邀请成员有限公司", "test", null)).id();
            memberships.add(e, adminAccount, MemberRole.ADMIN, true, "TEST", "test", Map.of());
            return e;
        }));

        admin.go(HOST, "/account/enterprises/" + enterprise);
        admin.type("#invite-mobile", "1391235");
        admin.submit("#invite-submit");
        assertThat(admin.text("#error-mobile")).contains("11 位");
        admin.type("#invite-mobile", personMobile);
        admin.submit("#invite-submit");
        assertThat(admin.text("#notice")).contains("邀请已发送");
        assertThat(admin.text("#invitation-records")).contains("139****0004", "待接受");

        person.go(HOST, "/account/enterprises");
        assertThat(person.text("#invitations")).contains("邀请成员有限公司", "钱管理");
        person.submit("#invitations a.button");
        person.submit("#accept");
        person.waitForPath("/account/enterprises/" + enterprise);
        assertThat(person.text("#my-role")).isEqualTo("办事人员");

        admin.go(HOST, "/account/enterprises/" + enterprise);
        assertThat(admin.text("#members")).contains("孙受邀");
        admin.click("#members input[type=checkbox]");
        admin.submit("#remove-selected");
        assertThat(admin.text("#notice")).contains("已删除");
        assertThat(admin.text("#members")).doesNotContain("孙受邀");
        person.go(HOST, "/account/enterprises");
        assertThat(person.text("#no-enterprises")).isNotBlank();
    }

}
