package cn.huren.server.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The anonymous account API of the app: SMS codes, registration, login, password reset (docs/accounts.md). */
@RestController
@Tag(name = "Accounts", description = "A person's account: mobile number and SMS code or password (docs/accounts.md)")
class AccountSignInController {

    record CodeRequest(String phone, String purpose) {
    }

    record CodeSent(Instant expiresAt) {
    }

    record Registration(String mobile, String code, Boolean privacyConsent) {
    }

    /** A password login ({@code password}) or an SMS-code login ({@code code}), never both. */
    record SessionRequest(String mobile, String password, String code, Boolean privacyConsent, String captchaId, String captchaAnswer) {
    }

    record PasswordReset(String mobile, String code, String newPassword) {
    }

    /** What the app keeps: the bearer token; {@code next} REAL_NAME until the person is verified (APP-06), else NONE. */
    record SessionView(String token, Instant expiresAt, long accountId, boolean realNameVerified, String next) {

        static SessionView of(AccountLogins.OpenedSession s) {
            return new SessionView(s.token(), s.expiresAt(), s.accountId(), s.realNameVerified(), s.realNameVerified() ? "NONE" : "REAL_NAME");
        }
    }

    private final AccountLogins logins;

    AccountSignInController(AccountLogins logins) {
        this.logins = logins;
    }

    @PostMapping("/api/t/{tenant}/sms-codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send an SMS code for a purpose (REGISTER, LOGIN, RESET_PASSWORD, SET_PASSWORD, CHANGE_MOBILE_OLD, "
            + "CHANGE_MOBILE_NEW, CLOSE_ACCOUNT, DISSOLVE_ENTERPRISE); the same answer whether or not the number has an account")
    CodeSent sendCode(@RequestBody CodeRequest body, HttpServletRequest request) {
        CodeRequest code = required(body);
        List<ApiException.FieldError> errors = new ArrayList<>();
        SmsPurpose purpose = code.purpose() == null ? null : InputValidator.oneOf(SmsPurpose.class, code.purpose(), "purpose", errors);
        PersonAccounts.refuseIfAny(errors);
        return new CodeSent(logins.sendCode(code.phone(), purpose, request.getRemoteAddr()));
    }

    @PostMapping("/api/t/{tenant}/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-03: register by mobile number and SMS code (purpose REGISTER), or sign the number's account in")
    SessionView register(@RequestBody Registration body, HttpServletRequest request) {
        Registration r = required(body);
        return SessionView.of(logins.register(r.mobile(), r.code(), r.privacyConsent(), request.getRemoteAddr()));
    }

    @PostMapping("/api/t/{tenant}/account-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log in by mobile number and password (a captcha after failed attempts) or SMS code (purpose LOGIN); "
            + "privacyConsent must be true")
    SessionView login(@RequestBody SessionRequest body, HttpServletRequest request) {
        SessionRequest s = required(body);
        if (s.code() != null && s.password() != null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("code", "send either a password or an SMS code")));
        }
        if (s.code() != null) {
            return SessionView.of(logins.smsLogin(s.mobile(), s.code(), s.privacyConsent(), request.getRemoteAddr()));
        }
        return SessionView.of(logins.passwordLogin(new AccountLogins.PasswordLogin(s.mobile(), s.password(), s.privacyConsent(),
                s.captchaId(), s.captchaAnswer()), request.getSession(false), request.getRemoteAddr()));
    }

    @PostMapping("/api/t/{tenant}/password-resets")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "ORD-05, APP-101: a forgotten password replaced, confirmed by an SMS code (purpose RESET_PASSWORD); "
            + "every session of the account ends")
    void reset(@RequestBody PasswordReset body, HttpServletRequest request) {
        PasswordReset r = required(body);
        logins.resetPassword(r.mobile(), r.code(), r.newPassword(), request.getRemoteAddr());
    }

    record EnterpriseSessionRequest(String enterpriseName, String password, Boolean privacyConsent, String captchaId, String captchaAnswer) {
    }

    record EnterpriseCodeRequest(String enterpriseName) {
    }

    record EnterprisePasswordReset(String enterpriseName, String code, String newPassword) {
    }

    @PostMapping("/api/t/{tenant}/enterprise-sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "ORD-04: the ordering system's login: the enterprise's full registered name (or USCC), the password of its "
            + "administrator's account and a captcha (always: GET /api/t/{tenant}/captcha); the session is the administrator's account's")
    SessionView enterpriseLogin(@RequestBody EnterpriseSessionRequest body, HttpServletRequest request) {
        EnterpriseSessionRequest s = required(body);
        return SessionView.of(logins.enterprisePasswordLogin(new AccountLogins.EnterprisePasswordLogin(s.enterpriseName(), s.password(),
                s.privacyConsent(), s.captchaId(), s.captchaAnswer()), request.getSession(false), request.getRemoteAddr()));
    }

    @PostMapping("/api/t/{tenant}/enterprise-password-resets/code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "ORD-05: a reset code to the enterprise administrator's mobile number; the same answer for any name")
    CodeSent enterpriseResetCode(@RequestBody EnterpriseCodeRequest body, HttpServletRequest request) {
        return new CodeSent(logins.sendEnterpriseResetCode(required(body).enterpriseName(), request.getRemoteAddr()));
    }

    @PostMapping("/api/t/{tenant}/enterprise-password-resets")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "ORD-05: the enterprise administrator's forgotten password replaced with the code sent to their number "
            + "(never a password by SMS); every session of the account ends")
    void enterpriseReset(@RequestBody EnterprisePasswordReset body, HttpServletRequest request) {
        EnterprisePasswordReset r = required(body);
        logins.resetEnterprisePassword(r.enterpriseName(), r.code(), r.newPassword(), request.getRemoteAddr());
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ApiException.badRequest("malformed-body", "a request body is required");
        }
        return body;
    }
}
