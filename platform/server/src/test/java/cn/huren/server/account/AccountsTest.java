package cn.huren.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.captcha.CaptchaFixture;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/** The account core over its API (issue 15, item 1), as the app calls it. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsTest {

    static final String TENANT = "accta";
    static final String OTHER = "acctb";
    static final String PASSWORD = "secret2026";

    @LocalServerPort
    int port;
    @Autowired
    SmsSender sender;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    TestClock clock;
    @Autowired
    PartyRegistration parties;
    @Autowired
    ChangeLedger ledger;
    @Autowired
    SessionRepository<? extends Session> httpSessions;

    AccountApi api;
    final AtomicInteger next = new AtomicInteger();

    @BeforeAll
    void setUp() {
        for (String code : List.of(TENANT, OTHER)) {
            HttpApi.Reply onboarded = HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(code, "jiangsu"));
            assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        }
        api = new AccountApi(port, TENANT, sender);
    }

    /** Every request comes from 127.0.0.1: the per-address limits of SMS codes and failed logins start afresh per test. */
    @BeforeEach
    void freshAddress() {
        as(() -> {
            data.jdbc().sql("delete from sms_code").update();
            data.jdbc().sql("delete from account_login_failure").update();
            return null;
        });
    }

    @AfterEach
    void putClockBack() {
        clock.reset();
    }

    @Test
    @DisplayName("APP-03, APP-04: register by SMS code (next: real name); no password login until a password is set by SMS code; then it logs in")
    void registerSetPasswordLogin() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        assertThat(session.path("realNameVerified").asBoolean()).isFalse();
        assertThat(session.path("next").asText()).isEqualTo("REAL_NAME");
        long accountId = session.path("accountId").asLong();

        JsonNode me = api.get("/me/account", token).expect(200).json();
        assertThat(me.path("mobile").asText()).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
        assertThat(me.path("passwordSet").asBoolean()).isFalse();
        assertThat(me.path("realName").path("verified").asBoolean()).isFalse();
        assertThat(me.path("status").asText()).isEqualTo("ACTIVE");

        AccountApi.Reply refused = api.passwordLogin(mobile, PASSWORD).expect(401);
        assertThat(refused.kind()).isEqualTo("login-failed");
        assertThat(refused.json().path("detail").asText()).contains("only once it is set");

        // the first password needs the SMS code, not an old password
        AccountApi.Reply noCode = api.send("PUT", "/me/account/password", Map.of("newPassword", PASSWORD), token, null).expect(400);
        assertThat(noCode.json().path("errors").get(0).path("field").asText()).isEqualTo("code");
        api.setPassword(token, mobile, PASSWORD);

        JsonNode login = api.passwordLogin(mobile, PASSWORD).expect(201).json();
        assertThat(login.path("accountId").asLong()).isEqualTo(accountId);
        assertThat(api.get("/me/account", login.path("token").asText()).expect(200).json().path("passwordSet").asBoolean()).isTrue();
        assertThat(sessionMethods(accountId)).contains("sms", "password");

        // registering the same number again signs the same account in (never a second account)
        clock.move(Duration.ofSeconds(61));
        assertThat(api.register(mobile).path("accountId").asLong()).isEqualTo(accountId);

        assertThat(as(() -> ledger.history("account", Long.toString(accountId)))).extracting(ChangeLedger.Entry::action)
                .containsExactly("registered", "privacy-consent", "password-set");
        assertThat(api.get("/me/account/history", token).expect(200).json().findValuesAsText("action"))
                .containsExactly("password-set", "privacy-consent", "registered");
    }

    @Test
    @DisplayName("APP-05: a password or SMS-code login (or a registration, which signs in too) without consent to the privacy policy is refused on privacyConsent; no session opened")
    void privacyConsentRequired() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        long accountId = session.path("accountId").asLong();
        api.setPassword(session.path("token").asText(), mobile, PASSWORD);
        int before = sessionMethods(accountId).size();

        for (Object consent : new Object[] {false, null}) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("mobile", mobile, "password", PASSWORD));
            body.put("privacyConsent", consent);
            AccountApi.Reply refused = api.post("/account-sessions", body).expect(400);
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("privacyConsent");
        }
        String code = api.code(mobile, SmsPurpose.LOGIN);
        AccountApi.Reply sms = api.post("/account-sessions", Map.of("mobile", mobile, "code", code)).expect(400);
        assertThat(sms.json().path("errors").findValuesAsText("field")).containsExactly("privacyConsent");
        assertThat(sessionMethods(accountId)).hasSize(before);

        // the code was not used up by the refusal: with consent it logs in
        api.post("/account-sessions", Map.of("mobile", mobile, "code", code, "privacyConsent", true)).expect(201);
        assertThat(sessionMethods(accountId)).hasSize(before + 1);

        // registering signs an existing account in as well: not without consent either
        clock.move(Duration.ofSeconds(61));
        String register = api.code(mobile, SmsPurpose.REGISTER);
        AccountApi.Reply again = api.post("/accounts", Map.of("mobile", mobile, "code", register)).expect(400);
        assertThat(again.json().path("errors").findValuesAsText("field")).containsExactly("privacyConsent");
        assertThat(sessionMethods(accountId)).hasSize(before + 1);
    }

    @Test
    @DisplayName("after 3 failed passwords the login needs a captcha of the caller's session; a wrong answer is refused, the right one logs in")
    void captchaAfterFailures() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        api.setPassword(session.path("token").asText(), mobile, PASSWORD);

        AccountApi.Reply unknown = api.passwordLogin(mobile(), "wrong1pass").expect(401);
        AccountApi.Reply first = api.passwordLogin(mobile, "wrong1pass").expect(401);
        assertThat(first.json().path("detail").asText()).isEqualTo(unknown.json().path("detail").asText());
        api.passwordLogin(mobile, "wrong2pass").expect(401);
        AccountApi.Reply third = api.passwordLogin(mobile, "wrong3pass").expect(401);
        assertThat(third.json().path("detail").asText()).contains("captcha");

        AccountApi.Reply demanded = api.passwordLogin(mobile, PASSWORD).expect(400);
        assertThat(demanded.kind()).isEqualTo("captcha-required");
        assertThat(captchaRequired(mobile)).isTrue();

        // a captcha of this browser's session, answered wrong: refused even with the right password
        AccountApi.Reply captcha = api.get("/captcha", null).expect(200);
        String cookie = sessionCookie(captcha);
        String id = captcha.json().path("id").asText();
        CaptchaFixture.answer(httpSessions, sessionId(cookie), TENANT, id, "ABCDE", clock.instant().plusSeconds(120));
        assertThat(api.passwordLogin(mobile, PASSWORD, cookie, id, "WRONG").expect(400).kind()).isEqualTo("captcha-invalid");
        // used up by that try
        assertThat(api.passwordLogin(mobile, PASSWORD, cookie, id, "ABCDE").expect(400).kind()).isEqualTo("captcha-invalid");

        AccountApi.Reply again = api.send("GET", "/captcha", null, null, cookie).expect(200);
        String second = again.json().path("id").asText();
        CaptchaFixture.answer(httpSessions, sessionId(cookie), TENANT, second, "ABCDE", clock.instant().plusSeconds(120));
        // another browser's session does not know the captcha
        String stranger = sessionCookie(api.get("/captcha", null).expect(200));
        assertThat(api.passwordLogin(mobile, PASSWORD, stranger, second, "ABCDE").expect(400).kind()).isEqualTo("captcha-invalid");
        AccountApi.Reply third2 = api.send("GET", "/captcha", null, null, cookie).expect(200);
        String last = third2.json().path("id").asText();
        CaptchaFixture.answer(httpSessions, sessionId(cookie), TENANT, last, "ABCDE", clock.instant().plusSeconds(120));
        api.passwordLogin(mobile, PASSWORD, cookie, last, "abcde").expect(201);
        // a success forgets the failures of the number from this address
        assertThat(captchaRequired(mobile)).isFalse();

        // the failures age out of the window (a minute on, so that the number's login rate limit has room again)
        clock.move(Duration.ofSeconds(61));
        for (String wrong : List.of("wrong4pass", "wrong5pass", "wrong6pass")) {
            api.passwordLogin(mobile, wrong).expect(401);
        }
        assertThat(captchaRequired(mobile)).isTrue();
        clock.move(Duration.ofMinutes(16));
        api.passwordLogin(mobile, PASSWORD).expect(201);
    }

    @Test
    @DisplayName("8 wrong passwords of one number at once: exactly 3 are checked (401), the other 5 meet the captcha (400)")
    void captchaThresholdHoldsUnderConcurrency() throws Exception {
        String mobile = mobile();
        api.setPassword(api.register(mobile).path("token").asText(), mobile, PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String guess = "wrong" + i + "pass";
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.passwordLogin(mobile, guess).status();
                }));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(captchaRequired(mobile)).isTrue();
    }

    @Test
    @DisplayName("a wrong, an expired and a reused SMS code are refused; nothing is registered by a refused one")
    void badSmsCodes() {
        String mobile = mobile();
        String code = api.code(mobile, SmsPurpose.REGISTER);
        String wrong = code.equals("000000") ? "000001" : "000000";
        assertThat(api.post("/accounts", Map.of("mobile", mobile, "code", wrong, "privacyConsent", true)).expect(400).kind()).isEqualTo("sms-code-invalid");
        clock.move(Duration.ofMinutes(5));
        assertThat(api.post("/accounts", Map.of("mobile", mobile, "code", code, "privacyConsent", true)).expect(400).kind()).isEqualTo("sms-code-expired");
        assertThat(accountsOf(mobile)).isZero();
        clock.reset();
        api.post("/accounts", Map.of("mobile", mobile, "code", code, "privacyConsent", true)).expect(201);
        assertThat(api.post("/accounts", Map.of("mobile", mobile, "code", code, "privacyConsent", true)).expect(400).kind()).isEqualTo("sms-code-invalid");
        // a code of another purpose does not register
        String login = api.code(mobile, SmsPurpose.LOGIN);
        String other = mobile();
        assertThat(api.post("/accounts", Map.of("mobile", other, "code", login, "privacyConsent", true)).expect(400).kind()).isEqualTo("sms-code-invalid");
        assertThat(accountsOf(mobile)).isOne();
        assertThat(accountsOf(other)).isZero();
    }

    @Test
    @DisplayName("an SMS-code login of a number without an account: nothing is sent, every code is refused, nothing is registered")
    void smsLoginWithoutAccount() {
        String unknown = mobile();
        api.post("/sms-codes", Map.of("phone", unknown, "purpose", "LOGIN")).expect(202);
        assertThat(api.lastCode(unknown)).isEmpty();
        assertThat(api.post("/account-sessions", Map.of("mobile", unknown, "code", "123456", "privacyConsent", true)).expect(400).kind())
                .isEqualTo("sms-code-invalid");
        assertThat(accountsOf(unknown)).isZero();
    }

    @Test
    @DisplayName("ORD-03: only mainland mobile numbers register or get codes")
    void mobileOnly() {
        for (String number : List.of("02588888888", "1234567890", "123456789012", "+8613912345678")) {
            AccountApi.Reply refused = api.post("/sms-codes", Map.of("phone", number, "purpose", "REGISTER")).expect(400);
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("phone");
            assertThat(api.post("/accounts", Map.of("mobile", number, "code", "123456", "privacyConsent", true)).expect(400)
                    .json().path("errors").findValuesAsText("field")).containsExactly("mobile");
        }
    }

    @Test
    @DisplayName("APP-101: a forgotten password is reset by SMS code (never a password sent by SMS); every session of the account ends")
    void resetBySmsCode() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String first = session.path("token").asText();
        api.setPassword(first, mobile, PASSWORD);
        String second = api.passwordLogin(mobile, PASSWORD).expect(201).json().path("token").asText();

        String code = api.code(mobile, SmsPurpose.RESET_PASSWORD);
        api.post("/password-resets", Map.of("mobile", mobile, "code", code, "newPassword", "short")).expect(400);
        api.post("/password-resets", Map.of("mobile", mobile, "code", code, "newPassword", "another2027")).expect(204);
        api.get("/me/account", first).expect(401);
        api.get("/me/account", second).expect(401);
        api.passwordLogin(mobile, PASSWORD).expect(401);
        api.passwordLogin(mobile, "another2027").expect(201);
        // what the SMS said: a code, never a password
        assertThat(api.lastCode(mobile)).hasValue(code);

        // an unknown number gets the same answer and no message
        String unknown = mobile();
        AccountApi.Reply answer = api.post("/sms-codes", Map.of("phone", unknown, "purpose", "RESET_PASSWORD")).expect(202);
        assertThat(answer.json().has("expiresAt")).isTrue();
        assertThat(api.lastCode(unknown)).isEmpty();
        // nor does the rate limit tell them apart: a second request within the minute is 429 for both
        AccountApi.Reply again = api.post("/sms-codes", Map.of("phone", unknown, "purpose", "RESET_PASSWORD")).expect(429);
        assertThat(api.post("/sms-codes", Map.of("phone", mobile, "purpose", "RESET_PASSWORD")).expect(429).kind()).isEqualTo(again.kind());
    }

    @Test
    @DisplayName("APP-101: changing the password needs the old one; the account's other sessions end, this one stays")
    void changePassword() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        api.setPassword(token, mobile, PASSWORD);
        String other = api.passwordLogin(mobile, PASSWORD).expect(201).json().path("token").asText();

        AccountApi.Reply wrong = api.send("PUT", "/me/account/password", Map.of("oldPassword", "wrong1pass", "newPassword", "another2027"), token, null)
                .expect(400);
        assertThat(wrong.json().path("errors").findValuesAsText("field")).containsExactly("oldPassword");
        assertThat(api.send("PUT", "/me/account/password", Map.of("newPassword", "another2027"), token, null).expect(400)
                .json().path("errors").findValuesAsText("field")).containsExactly("oldPassword");
        api.send("PUT", "/me/account/password", Map.of("oldPassword", PASSWORD, "newPassword", "no digits here"), token, null).expect(400);
        api.send("PUT", "/me/account/password", Map.of("oldPassword", PASSWORD, "newPassword", "another2027"), token, null).expect(204);
        api.get("/me/account", token).expect(200);
        api.get("/me/account", other).expect(401);
        api.passwordLogin(mobile, PASSWORD).expect(401);
        api.passwordLogin(mobile, "another2027").expect(201);
    }

    @Test
    @DisplayName("APP-100: the mobile number changes once the old and the new number confirm by SMS code; then only the new one logs in")
    void changeMobile() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        api.setPassword(token, mobile, PASSWORD);
        String taken = mobile();
        api.register(taken);

        String fresh = mobile();
        String oldCode = api.code(mobile, SmsPurpose.CHANGE_MOBILE_OLD);
        String newCode = api.code(fresh, SmsPurpose.CHANGE_MOBILE_NEW);
        String wrong = newCode.equals("000000") ? "000001" : "000000";
        assertThat(api.send("PUT", "/me/account/mobile", Map.of("oldCode", oldCode, "newMobile", fresh, "newCode", wrong), token, null)
                .expect(400).kind()).isEqualTo("sms-code-invalid");
        // a number another account uses: no code is sent to it, and the change fails as with a wrong code (never a
        // "taken" that would tell whether a number has an account)
        api.post("/sms-codes", Map.of("phone", taken, "purpose", "CHANGE_MOBILE_NEW")).expect(202);
        assertThat(api.send("PUT", "/me/account/mobile", Map.of("oldCode", "123456", "newMobile", taken, "newCode", "123456"), token, null)
                .expect(400).kind()).isEqualTo("sms-code-invalid");

        clock.move(Duration.ofSeconds(61));
        oldCode = api.code(mobile, SmsPurpose.CHANGE_MOBILE_OLD);
        newCode = api.code(fresh, SmsPurpose.CHANGE_MOBILE_NEW);
        JsonNode changed = api.send("PUT", "/me/account/mobile", Map.of("oldCode", oldCode, "newMobile", fresh, "newCode", newCode), token, null)
                .expect(200).json();
        assertThat(changed.path("mobile").asText()).isEqualTo(fresh.substring(0, 3) + "****" + fresh.substring(7));
        api.passwordLogin(mobile, PASSWORD).expect(401);
        assertThat(api.passwordLogin(fresh, PASSWORD).expect(201).json().path("accountId").asLong())
                .isEqualTo(session.path("accountId").asLong());
    }

    @Test
    @DisplayName("APP-103, APP-104: closure is refused while a bank card is bound, allowed once it is unbound; then the number registers anew")
    void closure() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        long accountId = session.path("accountId").asLong();
        verify(accountId);
        long card = api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", card(), "bankName", "中国银行"), token, null)
                .expect(201).json().path("id").asLong();

        JsonNode state = api.get("/me/account/closure", token).expect(200).json();
        assertThat(state.path("closable").asBoolean()).isFalse();
        assertThat(state.path("left").findValuesAsText("code")).containsExactly("bank-cards-bound");
        String code = api.code(mobile, SmsPurpose.CLOSE_ACCOUNT);
        AccountApi.Reply refused = api.send("POST", "/me/account/closure", Map.of("code", code), token, null).expect(409);
        assertThat(refused.kind()).isEqualTo("account-closure-refused");
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("bank-cards-bound");

        api.send("DELETE", "/me/account/bank-cards/" + card, null, token, null).expect(200);
        assertThat(api.get("/me/account/closure", token).expect(200).json().path("closable").asBoolean()).isTrue();
        // the refusal did not use the code up
        api.send("POST", "/me/account/closure", Map.of("code", code), token, null).expect(204);
        api.get("/me/account", token).expect(401);
        assertThat(as(() -> data.jdbc().sql("select status from account where id = ?").param(accountId).query(String.class).single()))
                .isEqualTo("CLOSED");
        assertThat(as(() -> ledger.history("account", Long.toString(accountId)))).extracting(ChangeLedger.Entry::action)
                .containsExactly("registered", "privacy-consent", "bank-card-bound", "bank-card-unbound", "closed");

        clock.move(Duration.ofSeconds(61));
        JsonNode anew = api.register(mobile);
        assertThat(anew.path("accountId").asLong()).isNotEqualTo(accountId);
        assertThat(anew.path("realNameVerified").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("APP-103: closure is refused while a certificate of the person's party is not revoked")
    void closureRefusedWithCertificate() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        long accountId = session.path("accountId").asLong();
        long party = verify(accountId);
        as(() -> data.jdbc().sql("""
                        insert into certificate_binding (party_id, fingerprint, serial, issuer, ca_name, medium, is_primary, status,
                          not_after, created_at, certificate_type)
                        values (?, ?, 'acct-1', 'CN=Test CA', 'Test CA', 'TOKEN', true, 'ACTIVE', now() + interval '1 year', now(), 'PERSONAL')""")
                .params(party, "f".repeat(63) + accountId % 10).update());
        JsonNode state = api.get("/me/account/closure", session.path("token").asText()).expect(200).json();
        assertThat(state.path("left").findValuesAsText("code")).containsExactly("certificates-not-revoked");
    }

    @Test
    @DisplayName("APP-104: a bank card is bound masked and stored sealed; a duplicate is refused; unbinding keeps it as history; another account's card is 404")
    void bankCards() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        long accountId = session.path("accountId").asLong();
        verify(accountId);
        String number = card();
        JsonNode bound = api.send("POST", "/me/account/bank-cards",
                Map.of("cardNumber", number, "bankName", "工商银行", "reservedMobile", mobile), token, null).expect(201).json();
        assertThat(bound.path("cardNumber").asText()).isEqualTo(number.substring(0, 4) + " **** **** " + number.substring(number.length() - 4));
        assertThat(bound.path("reservedMobile").asText()).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
        assertThat(bound.toString()).doesNotContain(number).doesNotContain(mobile);
        String stored = as(() -> data.jdbc().sql("select card_number_sealed || ' ' || coalesce(reserved_mobile_sealed, '') from bank_card where account_id = ?")
                .param(accountId).query(String.class).single());
        assertThat(stored).startsWith("enc:v1:").doesNotContain(number).doesNotContain(mobile);

        assertThat(api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", number, "bankName", "工商银行"), token, null)
                .expect(409).kind()).isEqualTo("bank-card-bound");
        String bad = number.substring(0, number.length() - 1) + (char) ('0' + (number.charAt(number.length() - 1) - '0' + 1) % 10);
        assertThat(api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", bad, "bankName", "工商银行"), token, null)
                .expect(400).json().path("errors").findValuesAsText("field")).containsExactly("cardNumber");

        // another account neither sees nor unbinds it
        JsonNode stranger = api.register(mobile());
        verify(stranger.path("accountId").asLong());
        String strangerToken = stranger.path("token").asText();
        assertThat(api.get("/me/account/bank-cards", strangerToken).expect(200).json()).isEmpty();
        assertThat(api.send("DELETE", "/me/account/bank-cards/" + bound.path("id").asLong(), null, strangerToken, null).expect(404).kind())
                .isEqualTo("bank-card-not-found");

        JsonNode unbound = api.send("DELETE", "/me/account/bank-cards/" + bound.path("id").asLong(), null, token, null).expect(200).json();
        assertThat(unbound.path("unboundAt").isNull()).isFalse();
        api.send("DELETE", "/me/account/bank-cards/" + bound.path("id").asLong(), null, token, null).expect(404);
        // bound again: a new card row, the unbound one stays in the list as history
        api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", number, "bankName", "工商银行"), token, null).expect(201);
        JsonNode list = api.get("/me/account/bank-cards", token).expect(200).json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("unboundAt").isNull()).isTrue();
        assertThat(list.get(1).path("unboundAt").isNull()).isFalse();
        assertThat(api.get("/me/account/history", token).json().toString()).doesNotContain(number);
    }

    @Test
    @DisplayName("each security change (password set, changed; bank card bound) is an ACCOUNT_SECURITY notice in the account's centre, "
            + "in Chinese and English with the card masked; registering and logging in are none")
    void securityNotices() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        long accountId = session.path("accountId").asLong();
        api.setPassword(token, mobile, PASSWORD);
        api.passwordLogin(mobile, PASSWORD).expect(201);
        clock.move(Duration.ofSeconds(61));
        assertThat(api.register(mobile).path("accountId").asLong()).isEqualTo(accountId); // an SMS-code login of the account
        assertThat(noticeTitles(accountId)).containsExactly("Password set");

        api.send("PUT", "/me/account/password", Map.of("oldPassword", PASSWORD, "newPassword", "another2027"), token, null).expect(204);
        api.send("PUT", "/me/account/password", Map.of("oldPassword", "wrong1pass", "newPassword", "third20288"), token, null).expect(400);
        assertThat(noticeTitles(accountId)).containsExactly("Password changed", "Password set");

        verify(accountId);
        String number = card();
        api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", number, "bankName", "工商银行"), token, null).expect(201);
        JsonNode notices = api.get("/me/account/notices", token).expect(200).json();
        assertThat(notices.path("unread").asLong()).isEqualTo(3);
        JsonNode card = notices.path("items").get(0);
        assertThat(card.path("kind").asText()).isEqualTo("ACCOUNT_SECURITY");
        assertThat(card.path("title").asText()).isEqualTo("Bank card bound");
        assertThat(card.path("body").asText()).contains(number.substring(number.length() - 4), "工商银行").doesNotContain(number);
        String chinese = as(() -> data.jdbc().sql("select title_zh || body_zh from account_notice where account_id = ? order by id desc limit 1")
                .param(accountId).query(String.class).single());
        assertThat(chinese).startsWith("已绑定银行卡").doesNotContain(number);
    }

    private List<String> noticeTitles(long accountId) {
        return as(() -> data.jdbc().sql("select title_en from account_notice where account_id = ? and kind = 'ACCOUNT_SECURITY' order by id desc")
                .param(accountId).query(String.class).list());
    }

    @Test
    @DisplayName("APP-105: feedback is submitted and listed, newest first, own only")
    void feedback() {
        JsonNode session = api.register(mobile());
        String token = session.path("token").asText();
        verify(session.path("accountId").asLong());
        api.send("POST", "/me/account/feedback", Map.of("category", "SUGGESTION", "text", "夜间模式"), token, null).expect(201);
        clock.move(Duration.ofSeconds(5));
        api.send("POST", "/me/account/feedback", Map.of("category", "PROBLEM", "text", "登录慢"), token, null).expect(201);
        JsonNode list = api.get("/me/account/feedback", token).expect(200).json();
        assertThat(list.findValuesAsText("text")).containsExactly("登录慢", "夜间模式");

        JsonNode other = api.register(mobile());
        verify(other.path("accountId").asLong());
        assertThat(api.get("/me/account/feedback", other.path("token").asText()).expect(200).json()).isEmpty();

        assertThat(api.send("POST", "/me/account/feedback", Map.of("category", "PRAISE", "text", "好"), token, null).expect(400)
                .json().path("errors").findValuesAsText("field")).containsExactly("category");
        assertThat(api.send("POST", "/me/account/feedback", Map.of("category", "OTHER", "text", "字".repeat(501)), token, null).expect(400)
                .json().path("errors").findValuesAsText("field")).containsExactly("text");
        assertThat(api.get("/me/account/feedback", token).json()).hasSize(2);
    }

    @Test
    @DisplayName("APP-06: before real-name verification bank cards and feedback are refused (403 real-name-required); the account's security is not")
    void realNameFirst() {
        String mobile = mobile();
        JsonNode session = api.register(mobile);
        String token = session.path("token").asText();
        assertThat(api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", card(), "bankName", "中国银行"), token, null)
                .expect(403).kind()).isEqualTo("real-name-required");
        assertThat(api.get("/me/account/bank-cards", token).expect(403).kind()).isEqualTo("real-name-required");
        assertThat(api.send("POST", "/me/account/feedback", Map.of("category", "OTHER", "text", "x"), token, null)
                .expect(403).kind()).isEqualTo("real-name-required");
        assertThat(api.get("/me/account/feedback", token).expect(403).kind()).isEqualTo("real-name-required");
        assertThat(as(() -> data.jdbc().sql("select count(*) from bank_card b join account a on a.id = b.account_id where a.mobile = ?")
                .param(mobile).query(Long.class).single())).isZero();
        api.get("/me/account", token).expect(200);
        api.get("/me/account/closure", token).expect(200);
        api.setPassword(token, mobile, PASSWORD);
        api.send("DELETE", "/me/account/session", null, token, null).expect(204);
        api.get("/me/account", token).expect(401);
    }

    @Test
    @DisplayName("an account's token of one tenant is refused by another (401); an account session reaches no certificate page of /me")
    void tenantBound() {
        String token = api.register(mobile()).path("token").asText();
        new AccountApi(port, OTHER, sender).get("/me/account", token).expect(401);
        assertThat(api.get("/me", token).expect(403).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("hostile input (U+0000, too long, wrong JSON types, no body) is a 400 and writes nothing")
    void hostileInput() {
        long before = as(() -> data.jdbc().sql("select count(*) from account").query(Long.class).single());
        api.post("/accounts", "{\"mobile\":\"139\\u00000000000\",\"code\":\"123456\"}").expect(400);
        api.post("/accounts", "{\"mobile\":13900000000,\"code\":\"123456\"}").expect(400);
        api.post("/accounts", "{\"mobile\":\"13900000000\",\"code\":123456}").expect(400);
        api.post("/accounts", "[]").expect(400);
        api.post("/accounts", null).expect(400);
        api.post("/account-sessions", "{\"mobile\":\"13900000000\",\"password\":\"x\",\"privacyConsent\":\"yes\"}").expect(400);
        api.post("/account-sessions", Map.of("mobile", "13900000000", "password", "a1".repeat(200), "privacyConsent", true)).expect(400);
        api.post("/account-sessions", Map.of("mobile", "13900000000", "password", "pass\u0000word1", "privacyConsent", true)).expect(400);
        api.post("/sms-codes", Map.of("phone", "13900000000", "purpose", "EVERYTHING")).expect(400);
        api.post("/sms-codes", "{\"phone\":\"13900000000\",\"purpose\":\"REGISTER\",\"extra\":1}").expect(400);
        api.post("/password-resets", Map.of("mobile", "13900000000", "code", "12345\u0000", "newPassword", "abc12345")).expect(400);
        assertThat(as(() -> data.jdbc().sql("select count(*) from account").query(Long.class).single())).isEqualTo(before);
        assertThat(api.lastCode("13900000000")).isEmpty();

        JsonNode session = api.register(mobile());
        String token = session.path("token").asText();
        verify(session.path("accountId").asLong());
        api.send("POST", "/me/account/feedback", Map.of("category", "OTHER", "text", "bad\u0000text"), token, null).expect(400);
        api.send("POST", "/me/account/feedback", "{\"category\":\"OTHER\",\"text\":[1]}", token, null).expect(400);
        api.send("POST", "/me/account/bank-cards", Map.of("cardNumber", card(), "bankName", "银行\u0000"), token, null).expect(400);
        api.send("PUT", "/me/account/password", "{\"code\":123456,\"newPassword\":\"abc12345\"}", token, null).expect(400);
        assertThat(api.get("/me/account/feedback", token).json()).isEmpty();
        assertThat(api.get("/me/account/bank-cards", token).json()).isEmpty();
    }

    @Test
    @DisplayName("nothing the account flows log shows a mobile number in clear")
    void logsMasked() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("cn.huren.server.account"),
                (Logger) LoggerFactory.getLogger("cn.huren.server.smscode"), (Logger) LoggerFactory.getLogger("cn.huren.server.login"));
        logged.start();
        loggers.forEach(l -> l.addAppender(logged));
        String mobile = mobile();
        String fresh = mobile();
        try {
            JsonNode session = api.register(mobile);
            String token = session.path("token").asText();
            api.setPassword(token, mobile, PASSWORD);
            api.passwordLogin(mobile, "wrong1pass").expect(401);
            api.passwordLogin(mobile, PASSWORD).expect(201);
            api.post("/sms-codes", Map.of("phone", mobile(), "purpose", "LOGIN")).expect(202);
            String oldCode = api.code(mobile, SmsPurpose.CHANGE_MOBILE_OLD);
            String newCode = api.code(fresh, SmsPurpose.CHANGE_MOBILE_NEW);
            api.send("PUT", "/me/account/mobile", Map.of("oldCode", oldCode, "newMobile", fresh, "newCode", newCode), token, null).expect(200);
        } finally {
            loggers.forEach(l -> l.detachAppender(logged));
        }
        assertThat(logged.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(mobile).doesNotContain(fresh));
        assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(mobile.substring(0, 3) + "****" + mobile.substring(7)));
    }

    @Test
    @DisplayName("the account API is in the OpenAPI document")
    void documented() {
        JsonNode paths = HttpApi.anonymous(port).get("/v3/api-docs").json().get("paths");
        for (String path : List.of("/api/t/{tenant}/sms-codes", "/api/t/{tenant}/accounts", "/api/t/{tenant}/account-sessions",
                "/api/t/{tenant}/password-resets", "/api/t/{tenant}/me/account", "/api/t/{tenant}/me/account/password",
                "/api/t/{tenant}/me/account/mobile", "/api/t/{tenant}/me/account/closure", "/api/t/{tenant}/me/account/bank-cards",
                "/api/t/{tenant}/me/account/bank-cards/{id}", "/api/t/{tenant}/me/account/feedback")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    // ---- helpers

    /** What a real-name verification leaves (the realname module's job): the account names a NATURAL_PERSON party. */
    private long verify(long accountId) {
        String id = residentId();
        return as(() -> {
            long party = parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, id, "王五", "test")).id();
            data.jdbc().sql("update account set party_id = ?, real_name_verified_at = now(), real_name_method = 'CFCA' where id = ?")
                    .params(party, accountId).update();
            return party;
        });
    }

    private boolean captchaRequired(String mobile) {
        return as(() -> logins().captchaRequired(mobile, "127.0.0.1"));
    }

    @Autowired
    AccountLogins accountLogins;

    private AccountLogins logins() {
        return accountLogins;
    }

    private List<String> sessionMethods(long accountId) {
        return as(() -> data.jdbc().sql("select login_method from party_session where account_id = ? order by created_at")
                .param(accountId).query(String.class).list());
    }

    private long accountsOf(String mobile) {
        return as(() -> data.jdbc().sql("select count(*) from account where mobile = ?").param(mobile).query(Long.class).single());
    }

    private String mobile() {
        return "137%08d".formatted(next.incrementAndGet() + (System.nanoTime() % 1000) * 10_000);
    }

    private String residentId() {
        String base = "110101199001%02d%03d".formatted(1 + next.incrementAndGet() % 28, next.incrementAndGet() % 1000);
        return DemoCaClient.residentId(base);
    }

    /** A 16-digit card number passing the Luhn check. */
    private String card() {
        String body = "622202%09d".formatted(next.incrementAndGet() * 7919L + System.nanoTime() % 100_000);
        for (int check = 0; check < 10; check++) {
            if (cn.huren.server.support.BankCardNumbers.luhn(body + check)) {
                return body + check;
            }
        }
        throw new AssertionError();
    }

    private static String sessionCookie(AccountApi.Reply reply) {
        String cookie = reply.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String sessionId(String cookie) {
        return new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length())), StandardCharsets.UTF_8);
    }

    private <T> T as(Supplier<T> work) {
        return tenants.callAs(TENANT, work);
    }
}
