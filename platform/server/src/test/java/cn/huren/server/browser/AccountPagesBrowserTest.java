package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.notice.Notices;
import cn.huren.server.notification.DevSmsSink;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person's account pages in a real Chromium at a phone's viewport (390×844), as the mobile app's screens are:
 * register by SMS code, real-name verification (the sandbox provider of tests), 我的, password and login. Codes are
 * read from the dev SMS sink, as a person reads them from the phone.
 */
@IntegrationTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesBrowserTest {

    static final String TENANT = "acb";
    static final String HOST = "acb.localhost";

    @LocalServerPort
    int port;

    @Autowired
    SmsSender sms;

    @Autowired
    TestClock clock;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    TenantData data;

    @Autowired
    Notices notices;

    @Autowired
    cn.huren.server.membership.Memberships memberships;

    @Autowired
    cn.huren.server.party.PartyRegistration parties;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    org.springframework.session.SessionRepository<? extends org.springframework.session.Session> httpSessions;

    Browser browser;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu", HOST));
        browser = Browser.open(port);
        sent = new SentCodes(sms, TENANT);
    }

    @BeforeEach
    void phone() {
        browser.resize(390, 844);
        browser.go(HOST, "/account/login?lang=zh-CN");
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("APP-03, APP-06, APP-07: at a phone's size, a new number registers with the SMS code (the button counts down), "
            + "is signed in and sent to real-name verification, which every other account page leads back to; a wrong ID number "
            + "is said next to its field; the bank-card four factors verify the person and 我的 shows the name and the masked number")
    void registerThenRealNameOnAPhone() {
        String mobile = "13912340001";
        browser.go(HOST, "/");
        browser.submit("#account-entry");
        browser.submit("#to-register");
        browser.type("#mobile", mobile);
        browser.click("#send-code");
        assertThat(browser.waitForText("#send-code", "秒后重新获取")).as("the button counts down").matches("\\d+ 秒后重新获取");
        assertThat(browser.text("#status-code")).contains("验证码已发送至 139****0001");
        browser.type("#code", code(mobile));
        assertThat(browser.fitsWidth()).as("no sideways scrolling on a phone").isTrue();
        browser.click("#agree"); // APP-05: registering signs in, so it takes the privacy policy's consent too
        browser.screenshot("account-register-phone");
        browser.submit("#register-submit");

        browser.waitForPath("/account/real-name");
        assertThat(browser.text("#notice")).contains("注册成功");
        browser.go(HOST, "/account/bank-cards");
        browser.waitForPath("/account/real-name");
        browser.go(HOST, "/account");
        browser.waitForPath("/account/real-name");

        browser.type("#name", "李四");
        browser.type("#documentNumber", "110105199001010021");
        browser.submit("#real-name-submit");
        assertThat(browser.text("#error-documentNumber")).contains("校验位");
        assertThat(browser.find("#name").getAttribute("value")).as("the input is kept").isEqualTo("李四");

        browser.submit("#method-bank-card");
        browser.type("#name", "李四");
        browser.type("#documentNumber", residentId("19900101", 1));
        browser.type("#cardNumber", luhn("622202020011223344"));
        browser.type("#cardMobile", mobile);
        assertThat(browser.fitsWidth()).isTrue();
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("account-real-name-phone");
        browser.submit("#real-name-submit");

        browser.waitForPath("/account");
        assertThat(browser.text("#notice")).contains("实名认证成功");
        assertThat(browser.text("#account-name")).isEqualTo("李四");
        assertThat(browser.text("#account-mobile")).isEqualTo("139****0001");
        assertThat(browser.text("#real-name-status")).contains("已认证", "银行卡四要素");
        assertThat(browser.driver.getPageSource()).doesNotContain(mobile);
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("account-home-phone");
    }

    @Test
    @DisplayName("APP-04, APP-05: the first password is set with an SMS code; password login is refused without the "
            + "privacy-policy consent, shows a captcha after three wrong passwords (a click draws another) and wants it answered, and logs in with the consent")
    void passwordLoginWithConsentAndCaptcha() {
        String mobile = "13912340002";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "王五", residentId("19850505", 2), "/account");

        browser.submit("#link-password");
        assertThat(browser.text("h1")).isEqualTo("设置登录密码");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        String passwordCode = code(mobile);
        browser.type("#code", passwordCode);
        browser.type("#newPassword", "Secret123");
        browser.type("#repeatPassword", "Secret124");
        browser.submit("#password-submit");
        assertThat(browser.text("#error-repeatPassword")).isEqualTo("两次输入的密码不一致");
        assertThat(browser.find("#newPassword").getAttribute("value")).as("passwords never come back").isEmpty();
        browser.type("#currentMobile", mobile);
        browser.type("#code", passwordCode /* the same code: the refused form did not use it */);
        browser.type("#newPassword", "Secret123");
        browser.type("#repeatPassword", "Secret123");
        browser.submit("#password-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#notice")).contains("登录密码已设置");

        browser.submit("#account-logout button");
        browser.go(HOST, "/account/login");
        browser.type("#mobile", mobile);
        browser.type("#password", "Secret123");
        browser.submit("#login-submit");
        assertThat(browser.text("#error-privacyConsent")).contains("隐私政策");

        for (int i = 0; i < 3; i++) {
            assertThat(browser.driver.findElements(By.cssSelector("#captcha-image"))).as("no captcha before failures").isEmpty();
            browser.type("#password", "Wrong1234");
            browser.click("#agree");
            browser.submit("#login-submit");
            assertThat(browser.text("#problem")).contains("手机号或密码错误");
        }
        String first = browser.find("#captcha-image").getAttribute("src");
        assertThat(first).startsWith("data:image/png;base64,");
        browser.click("#captcha-image");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> !first.equals(d.findElement(By.id("captcha-image")).getAttribute("src")));
        browser.type("#password", "Secret123");
        browser.click("#agree");
        browser.submit("#login-submit");
        assertThat(browser.text("#error-captchaAnswer")).isEqualTo("请输入图形验证码");

        clock.move(Duration.ofMinutes(16)); // the failures are forgotten after the window (15 minutes)
        try {
            browser.go(HOST, "/account/login");
            assertThat(browser.driver.findElements(By.cssSelector("#captcha-image"))).isEmpty();
            browser.type("#mobile", mobile);
            browser.type("#password", "Secret123");
            browser.click("#agree");
            browser.submit("#login-submit");
            browser.waitForPath("/account");
            assertThat(browser.text("#account-name")).isEqualTo("王五");
        } finally {
            clock.reset();
        }
    }

    @Test
    @DisplayName("the account pages speak English after the language switch, field errors included; on a desktop the form stays a narrow centred column")
    void englishAndDesktop() {
        browser.go(HOST, "/account/login");
        browser.submit(".lang");
        assertThat(browser.text("h1")).isEqualTo("Account login");
        browser.type("#mobile", "12345");
        browser.type("#password", "whatever1");
        browser.click("#agree");
        browser.submit("#login-submit");
        assertThat(browser.text("#error-mobile")).isEqualTo("An 11-digit mainland mobile number");
        browser.submit("#tab-sms");
        assertThat(browser.text("#send-code")).isEqualTo("Get code");
        browser.go(HOST, "/account/login?lang=zh-CN");
        assertThat(browser.text("h1")).isEqualTo("账号登录");

        browser.resize(1280, 900);
        browser.go(HOST, "/account/register");
        org.openqa.selenium.Rectangle form = browser.find("#account-register").getRect();
        assertThat(form.getWidth()).isLessThanOrEqualTo(480);
        assertThat(form.getX()).as("centred").isGreaterThan(300);
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("account-register-desktop");
    }

    @Test
    @DisplayName("APP-100, APP-103, APP-104, APP-105: notices show an unread badge and are marked read; feedback is sent and "
            + "listed; a bank card is bound (shown masked) and blocks the closure until it is unbound after a confirmation; "
            + "the mobile number changes with codes on both numbers and logs in after; the account then closes with a code")
    void accountAndSecurity() {
        String mobile = "13912340003";
        String newMobile = "13912340004";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "赵六", residentId("19700707", 3), "/account");
        long account = tenants.callAs(TENANT, () -> data.jdbc().sql("select id from account where mobile = ? and status = 'ACTIVE'")
                .param(mobile).query(Long.class).single());
        tenants.callAs(TENANT, () -> notices.toAccount(account, new Notice(NoticeKind.REVIEW_APPROVED, "审核通过", "Approved",
                "您的申请已审核通过", "Your application is approved")));
        tenants.callAs(TENANT, () -> notices.toAccount(account, new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请", "Request to join",
                "张三申请加入企业", "Zhang San asks to join")));

        browser.go(HOST, "/account");
        // the two above and the account's own security notice of the real-name verification
        assertThat(browser.text("#unread")).isEqualTo("3");
        browser.submit("#link-notices");
        assertThat(browser.text("#notices")).contains("加入企业申请", "审核通过", "实名");
        browser.submit("#notices li.unread button");
        assertThat(browser.text("#unread")).isEqualTo("2");
        assertThat(browser.driver.findElements(By.cssSelector("#notices li.read"))).hasSize(1);
        browser.submit("#read-all button");
        assertThat(browser.driver.findElements(By.cssSelector("#unread"))).isEmpty();

        browser.go(HOST, "/account/feedback");
        browser.submit("#feedback-submit");
        assertThat(browser.text("#error-text")).isEqualTo("请填写反馈内容");
        browser.type("#text", "希望增加夜间模式");
        browser.submit("#feedback-submit");
        assertThat(browser.text("#notice")).contains("反馈已提交");
        assertThat(browser.text("#feedback-history")).contains("希望增加夜间模式", "功能建议");

        String card = luhn("621700000012345678");
        browser.go(HOST, "/account/bank-cards");
        browser.type("#cardNumber", "1234");
        browser.type("#bankName", "中国建设银行");
        browser.submit("#bind-submit");
        assertThat(browser.text("#error-cardNumber")).isNotBlank();
        browser.type("#cardNumber", card);
        browser.submit("#bind-submit");
        assertThat(browser.text("#notice")).contains("银行卡已绑定");
        assertThat(browser.text("#cards .card-number")).endsWith(card.substring(card.length() - 4)).contains("*");
        assertThat(browser.driver.getPageSource()).doesNotContain(card);

        browser.go(HOST, "/account/close");
        assertThat(browser.text("#left")).contains("银行卡");
        browser.find("#close-blocked");
        assertThat(browser.driver.findElements(By.cssSelector("#close-account"))).as("no closure while a card is bound").isEmpty();
        browser.submit("#to-cards");
        browser.submit("#cards a.danger");
        assertThat(browser.text("#unbind-question")).contains(card.substring(card.length() - 4));
        browser.submit("#unbind-submit");
        assertThat(browser.text("#notice")).contains("银行卡已解绑");
        browser.find("#no-cards");

        browser.go(HOST, "/account/mobile");
        browser.type("#currentMobile", "13800000000");
        browser.click("#send-oldCode");
        assertThat(browser.waitForText("#error-currentMobile", "不一致")).isEqualTo("与本账号的手机号不一致");
        browser.type("#currentMobile", mobile);
        browser.click("#send-oldCode");
        browser.waitForText("#send-oldCode", "秒后重新获取");
        browser.type("#oldCode", code(mobile));
        browser.type("#newMobile", newMobile);
        browser.click("#send-newCode");
        browser.waitForText("#send-newCode", "秒后重新获取");
        browser.type("#newCode", code(newMobile));
        browser.submit("#mobile-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#account-mobile")).isEqualTo("139****0004");

        browser.submit("#account-logout button");
        browser.go(HOST, "/account/login?tab=sms");
        browser.type("#mobile", newMobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", code(newMobile));
        browser.click("#agree-sms");
        browser.submit("#login-sms-submit");
        browser.waitForPath("/account");

        browser.go(HOST, "/account/close");
        browser.find("#close-open");
        browser.type("#currentMobile", newMobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        String closeCode = code(newMobile);
        browser.type("#code", closeCode);
        browser.submit("#close-submit");
        assertThat(browser.text("#error-confirm")).isNotBlank();
        browser.type("#currentMobile", newMobile);
        browser.type("#code", closeCode /* the same code: the refused form did not use it */);
        browser.click("#confirm");
        browser.submit("#close-submit");
        browser.waitForPath("/account/login");
        assertThat(browser.text("#notice")).contains("账号已注销");
        browser.go(HOST, "/account");
        browser.waitForPath("/account/login");
    }

    @Test
    @DisplayName("APP-101: the password changes with the old one (a wrong old one is said next to its field); a forgotten "
            + "one is reset on the login page's 忘记密码 with an SMS code, never sent, and the new one logs in")
    void changeAndResetPassword() {
        String mobile = "13912340005";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "钱七", residentId("19800808", 5), "/account");
        browser.submit("#link-password");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", code(mobile));
        browser.type("#newPassword", "First1234");
        browser.type("#repeatPassword", "First1234");
        browser.submit("#password-submit");
        browser.waitForPath("/account");

        browser.submit("#link-password");
        assertThat(browser.text("h1")).isEqualTo("修改登录密码");
        browser.type("#oldPassword", "Wrong1234");
        browser.type("#newPassword", "Second123");
        browser.type("#repeatPassword", "Second123");
        browser.submit("#password-submit");
        assertThat(browser.text("#error-oldPassword")).isEqualTo("原密码错误");
        browser.type("#oldPassword", "First1234");
        browser.type("#newPassword", "Second123");
        browser.type("#repeatPassword", "Second123");
        browser.submit("#password-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#notice")).contains("登录密码已修改");

        browser.submit("#account-logout button");
        browser.go(HOST, "/account/login");
        browser.submit("#to-forgot");
        assertThat(browser.text("#account-forgot")).doesNotContain("Second123");
        browser.type("#mobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        String code = code(mobile);
        assertThat(((DevSmsSink) sms).recent(TENANT).get(0).message().parameters()).as("only a code is sent").containsOnlyKeys("code");
        browser.type("#code", code);
        browser.type("#newPassword", "Third1234");
        browser.type("#repeatPassword", "Third1234");
        browser.submit("#forgot-submit");
        browser.waitForPath("/account/login");
        assertThat(browser.text("#notice")).contains("密码已重置");
        browser.type("#mobile", mobile);
        browser.type("#password", "Third1234");
        browser.click("#agree");
        browser.submit("#login-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#account-name")).isEqualTo("钱七");
    }

    @Test
    @DisplayName("APP-101: a forgotten current password is replaced on the password page with a code on the account's own "
            + "number (a number not the account's is refused next to its field); every session ends and the new password logs in")
    void forgottenOldPassword() {
        String mobile = "13912340006";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "孙八", residentId("19750303", 6), "/account");
        browser.submit("#link-password");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", code(mobile));
        browser.type("#newPassword", "Old12345");
        browser.type("#repeatPassword", "Old12345");
        browser.submit("#password-submit");
        browser.waitForPath("/account");

        browser.submit("#link-password");
        browser.submit("#forgot-old");
        browser.type("#currentMobile", "13912349876");
        browser.click("#send-code");
        assertThat(browser.waitForText("#error-currentMobile", "不一致")).isEqualTo("与本账号的手机号不一致");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", code(mobile));
        browser.type("#newPassword", "New12345");
        browser.type("#repeatPassword", "New12345");
        browser.submit("#password-submit");
        browser.waitForPath("/account/login");
        assertThat(browser.text("#notice")).contains("密码已重置");
        browser.go(HOST, "/account");
        browser.waitForPath("/account/login");
        browser.type("#mobile", mobile);
        browser.type("#password", "New12345");
        browser.click("#agree");
        browser.submit("#login-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#account-name")).isEqualTo("孙八");
    }

    @Test
    @DisplayName("APP-08: at a phone's size, a verified person applies for a personal certificate: step 1 shows the verified name "
            + "and the masked ID number and wants the province platform, step 2 the key's request (a bad one is said next to "
            + "its field); the application then waits for review")
    void personalCertificateApplication() {
        String mobile = "13912340009";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "周九", residentId("19880808", 9), "/account");
        browser.submit("#link-certificates");
        assertThat(browser.text("#no-applications")).isNotBlank();
        browser.submit("#apply-link");
        browser.waitForPath("/account/certificates/apply");
        assertThat(browser.text("#applicant-name")).isEqualTo("周九");
        assertThat(browser.text("#applicant-document")).contains("*").doesNotContain("19880808");
        assertThat(browser.find("#platform-next").isDisplayed()).isTrue();
        browser.go(HOST, "/account/certificates/apply?platform=other");
        assertThat(browser.text("#error-platform")).isEqualTo("请选择省级平台");
        browser.click("#platform-" + TENANT);
        assertThat(browser.fitsWidth()).isTrue();
        browser.submit("#platform-next");
        assertThat(browser.find("#chosen-platform").getText()).isNotBlank();
        browser.setValue("#csr", "not a request");
        browser.submit("#apply-submit");
        assertThat(browser.text("#error-csr")).isNotBlank();
        cn.huren.server.democa.DemoCaClient key = new cn.huren.server.democa.DemoCaClient(port, "SM2");
        browser.setValue("#csr", key.csr(key.key.getPrivate()));
        browser.driver.executeScript("window.scrollTo(0, 0);");
        browser.screenshot("account-certificate-apply-phone");
        browser.submit("#apply-submit");
        browser.waitForPath("/account/certificates");
        assertThat(browser.text("#applications")).contains("新办", "个人证书", "审核中");
        assertThat(browser.fitsWidth()).isTrue();
    }

    @Test
    @DisplayName("ORD-04: the 企业登录 tab takes the enterprise's full name, the administrator's password and always a captcha, "
            + "and signs the administrator's account in")
    void enterpriseNameLogin() {
        String mobile = "13912340010";
        AccountPagesFlow.registerAndVerify(browser, HOST, sent, mobile, "吴十", residentId("19870707", 10), "/account");
        browser.submit("#link-password");
        browser.type("#currentMobile", mobile);
        browser.click("#send-code");
        browser.waitForText("#send-code", "秒后重新获取");
        browser.type("#code", code(mobile));
        browser.type("#newPassword", "Admin1234");
        browser.type("#repeatPassword", "Admin1234");
        browser.submit("#password-submit");
        browser.waitForPath("/account");
        tenants.callAs(TENANT, () -> new org.springframework.transaction.support.TransactionTemplate(transactions).execute(st -> {
            long account = data.jdbc().sql("select id from account where mobile = ? and status = 'ACTIVE'").param(mobile).query(Long.class).single();
            long enterprise = parties.register(new cn.huren.server.party.VerifiedIdentity(cn.huren.server.party.PartyKind.ENTERPRISE,
                    cn.huren.server.certificateapplication.Applicants.uscc(), "南京企业登录有限公司", "test", null)).id();
            return memberships.add(enterprise, account, cn.huren.server.membership.MemberRole.ADMIN, true, "TEST", "test", java.util.Map.of());
        }));
        browser.submit("#account-logout button");

        browser.go(HOST, "/account/login");
        browser.submit("#tab-enterprise");
        assertThat(browser.find("#captcha-image").isDisplayed()).as("ORD-04: always a captcha").isTrue();
        browser.type("#enterpriseName", "南京企业登录有限公司");
        browser.type("#password", "Admin1234");
        String sessionId = new String(java.util.Base64.getDecoder().decode(browser.driver.manage().getCookieNamed("SESSION").getValue()),
                java.nio.charset.StandardCharsets.UTF_8);
        cn.huren.server.captcha.CaptchaFixture.answer(httpSessions, sessionId, TENANT, browser.find("#captcha-id").getAttribute("value"),
                "ABCDE", clock.instant().plusSeconds(120));
        browser.type("#captcha", "ABCDE");
        browser.click("#agree-enterprise");
        assertThat(browser.fitsWidth()).isTrue();
        browser.screenshot("account-enterprise-login-phone");
        browser.submit("#login-enterprise-submit");
        browser.waitForPath("/account");
        assertThat(browser.text("#account-name")).isEqualTo("吴十");
    }

    /** The latest code the dev sink "sent" to the number. */
    private String code(String mobile) {
        return sent.next(mobile);
    }

    private SentCodes sent;

    /** A valid resident ID (GB 11643) of Beijing Xicheng, born {@code birth}, with sequence {@code n}. */
    static String residentId(String birth, int n) {
        String body = "110102" + birth + "%03d".formatted(n);
        return DemoCaClient.residentId(body);
    }

    /** {@code digits} with its Luhn check digit appended. */
    static String luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
