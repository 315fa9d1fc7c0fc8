package cn.huren.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.Tenants;
import cn.huren.server.captcha.CaptchaFixture;
import cn.huren.server.certificateapplication.Applicants;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Memberships;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ordering system's login by enterprise name (ORD-04) and its forgotten password (ORD-05), over the API. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnterpriseLoginTest {

    static final String TENANT = "entlg";
    static final String PASSWORD = "secret2026";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sender;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TestClock clock;
    @Autowired
    PartyRegistration parties;
    @Autowired
    Memberships memberships;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SessionRepository<? extends Session> httpSessions;

    AccountApi api;
    String mobile;
    String uscc;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "shanxi"));
        api = new AccountApi(port, TENANT, sender);
        mobile = "13811110001";
        JsonNode session = api.register(mobile);
        api.setPassword(session.path("token").asText(), mobile, PASSWORD);
        long account = session.path("accountId").asLong();
        uscc = Applicants.uscc();
        tenants.callAs(TENANT, () -> new TransactionTemplate(transactions).execute(s -> {
            long enterprise = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, uscc, "太原登录测试有限公司", "test", null)).id();
            return memberships.add(enterprise, account, MemberRole.ADMIN, true, "TEST", "test", Map.of());
        }));
    }

    @Test
    @DisplayName("ORD-04: the enterprise's full name (or its USCC), the administrator's password and a captcha log in as the administrator's "
            + "account; without the captcha it is refused; a wrong password, a name that is not the full name and an unknown enterprise get one answer")
    void loginByEnterpriseName() {
        assertThat(login("太原登录测试有限公司", PASSWORD, null).expect(400).kind()).isEqualTo("captcha-required");
        String cookie = captchaCookie();
        AccountApi.Reply opened = login("太原登录测试有限公司", PASSWORD, cookie).expect(201);
        JsonNode me = api.get("/me/account", opened.json().path("token").asText()).expect(200).json();
        assertThat(me.path("mobile").asText()).isEqualTo("138****0001");
        login(uscc, PASSWORD, captchaCookie()).expect(201);

        AccountApi.Reply wrong = login("太原登录测试有限公司", "wrong-pass-1", captchaCookie()).expect(401);
        AccountApi.Reply partial = login("太原登录测试", PASSWORD, captchaCookie()).expect(401);
        AccountApi.Reply unknown = login("没有这家有限公司", PASSWORD, captchaCookie()).expect(401);
        assertThat(wrong.kind()).isEqualTo("login-failed");
        assertThat(partial.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText())
                .isEqualTo(wrong.json().path("detail").asText().replace(". From now on the login needs a captcha", ""));
        assertThat(login("", PASSWORD, captchaCookie()).expect(400).json().path("errors").findValuesAsText("field")).containsExactly("enterpriseName");
    }

    @Test
    @DisplayName("ORD-05: a forgotten password by enterprise name: a code goes to the administrator's number (never a password), the code "
            + "replaces the password; an unknown name gets the same answer and no message")
    void resetByEnterpriseName() {
        cn.huren.server.SentCodes sent = new cn.huren.server.SentCodes(sender, TENANT);
        api.post("/enterprise-password-resets/code", Map.of("enterpriseName", "太原登录测试有限公司")).expect(202);
        String code = sent.next(mobile);
        assertThat(api.post("/enterprise-password-resets", Map.of("enterpriseName", "没有这家有限公司", "code", code, "newPassword", "another2027"))
                .expect(400).kind()).isEqualTo("sms-code-invalid");
        api.post("/enterprise-password-resets", Map.of("enterpriseName", "太原登录测试有限公司", "code", code, "newPassword", "another2027"))
                .expect(204);
        login("太原登录测试有限公司", "another2027", captchaCookie()).expect(201);
        api.passwordLogin(mobile, "another2027").expect(201);

        int before = ((cn.huren.server.notification.DevSmsSink) sender).recent(TENANT).size();
        AccountApi.Reply unknown = api.post("/enterprise-password-resets/code", Map.of("enterpriseName", "没有这家有限公司")).expect(202);
        assertThat(unknown.json().has("expiresAt")).isTrue();
        assertThat(((cn.huren.server.notification.DevSmsSink) sender).recent(TENANT)).hasSize(before);
        // the administrator's number has its code of the last minute, whichever name (or USCC) asked: 429
        api.post("/enterprise-password-resets/code", Map.of("enterpriseName", uscc)).expect(429);

        // the password back for the other test, a minute later
        clock.move(java.time.Duration.ofSeconds(61));
        try {
            api.post("/enterprise-password-resets/code", Map.of("enterpriseName", uscc)).expect(202);
            api.post("/enterprise-password-resets", Map.of("enterpriseName", uscc, "code", sent.next(mobile),
                    "newPassword", PASSWORD)).expect(204);
        } finally {
            clock.reset();
        }
    }

    private AccountApi.Reply login(String name, String password, String cookie) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("enterpriseName", name, "password", password, "privacyConsent", true));
        if (cookie != null) {
            body.put("captchaId", captchaId);
            body.put("captchaAnswer", "ABCDE");
        }
        return api.send("POST", "/enterprise-sessions", body, null, cookie);
    }

    private String captchaId;

    /** A new captcha of a new browser session, answered ABCDE. */
    private String captchaCookie() {
        AccountApi.Reply captcha = api.get("/captcha", null).expect(200);
        String cookie = captcha.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        captchaId = captcha.json().path("id").asText();
        String sessionId = new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length())), StandardCharsets.UTF_8);
        CaptchaFixture.answer(httpSessions, sessionId, TENANT, captchaId, "ABCDE", clock.instant().plusSeconds(120));
        return cookie;
    }
}
