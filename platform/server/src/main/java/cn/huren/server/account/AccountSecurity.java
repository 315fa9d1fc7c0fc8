package cn.huren.server.account;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.login.LoginLimits;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartySessions;
import cn.huren.server.smscode.SmsCodes;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.FailureCounts;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in person's account security (账号与安全): logout, the password (set by SMS code, APP-04; changed with the
 * old one, APP-101), the mobile number (APP-100) and closure (APP-103). None of these needs real-name verification
 * (APP-06). SMS codes are verified before any transaction, so a wrong code's try is counted even when the change fails.
 */
@Component
public class AccountSecurity {

    private static final Logger log = LoggerFactory.getLogger(AccountSecurity.class);

    /** PUT /me/account/password: {@code code} to set the first password, {@code oldPassword} to change it. */
    public record PasswordChange(String code, String oldPassword, String newPassword) {
    }

    /** PUT /me/account/mobile: the code sent to the current number, the new number and the code sent to it. */
    public record MobileChange(String oldCode, String newMobile, String newCode) {
    }

    /** APP-103: a closure refused, with everything left. */
    public static final String CLOSURE_REFUSED = "account-closure-refused";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonAccounts accounts;
    private final SmsCodes codes;
    private final PartySessions sessions;
    private final PasswordEncoder passwords;
    private final LoginLimits limits;
    private final List<ClosureCheck> closureChecks;
    private final Clock clock;
    private final FailureCounts failures;

    /** Wrong passwords of a number (logins and confirmations together) within the window after which a confirmation waits. */
    static final int CONFIRM_FAILURES = 5;

    AccountSecurity(TenantData data, PlatformTransactionManager transactions, PersonAccounts accounts, SmsCodes codes, PartySessions sessions,
                    PasswordEncoder passwords, LoginLimits limits, List<ClosureCheck> closureChecks, Clock clock) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.accounts = accounts;
        this.codes = codes;
        this.sessions = sessions;
        this.passwords = passwords;
        this.limits = limits;
        this.closureChecks = List.copyOf(closureChecks);
        this.clock = clock;
        this.failures = new FailureCounts(jdbc, clock, "account_login_failure", java.time.Duration.ofMinutes(15));
    }

    /**
     * APP-66: a grave act (dissolving an enterprise) is confirmed by the account's password and an SMS code of
     * {@code purpose} sent to its number. A wrong password counts as a failed login of the number (the login's captcha
     * then follows); after {@value #CONFIRM_FAILURES} within 15 minutes confirmations are refused (429
     * {@code confirm-locked}) until the window passes or the password is reset. The code is checked only once the
     * password is right (400 {@code password-wrong} on {@code password}, {@code sms-code-invalid} on a wrong code).
     */
    public void confirmIdentity(PartyAccess me, String password, String smsCode, SmsPurpose purpose) {
        long id = accounts.require(me);
        List<ApiException.FieldError> errors = new ArrayList<>();
        PasswordRule.checkGiven("password", password, errors);
        AccountLogins.checkCode("code", smsCode, errors);
        PersonAccounts.refuseIfAny(errors);
        PersonAccounts.Row account = current(id);
        limits.account(TenantContext.require().code(), account.mobile(), null);
        String key = account.mobile();
        String addressKey = "confirm:" + id;
        boolean locked = Boolean.TRUE.equals(tx.execute(s -> {
            failures.lock(key);
            if (failures.count(key, addressKey).name() >= CONFIRM_FAILURES) {
                return true;
            }
            failures.fail(key, addressKey); // counted before the hash is checked, so that concurrent guesses meet the limit
            return false;
        }));
        if (locked) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "confirm-locked",
                    "too many wrong passwords of this number; wait 15 minutes or reset the password by SMS code");
        }
        if (account.passwordHash() == null || !passwords.matches(password, account.passwordHash())) {
            log.info("account {} confirmed with a wrong password", id);
            throw ApiException.invalid(List.of(new ApiException.FieldError("password",
                    account.passwordHash() == null ? "the account has no password yet; set one under account security (账号与安全)"
                            : "the password is wrong", "password-wrong")));
        }
        tx.executeWithoutResult(s -> failures.clear(key, addressKey));
        codes.verify(account.mobile(), purpose.code(), smsCode);
    }

    /** DELETE /me/account/session: this session ends. */
    public void logout(PartyAccess me) {
        accounts.require(me);
        sessions.end(me.principal().tokenHash());
    }

    /**
     * APP-04: without a password yet, {@code code} (an SMS code of {@link SmsPurpose#SET_PASSWORD} sent to the account's
     * number) sets it; APP-101: with one, {@code oldPassword} must be right to change it. The account's other sessions end.
     */
    public void changePassword(PartyAccess me, PasswordChange change) {
        long id = accounts.require(me);
        List<ApiException.FieldError> errors = new ArrayList<>();
        PasswordRule.check("newPassword", change.newPassword(), errors);
        PersonAccounts.refuseIfAny(errors);
        PersonAccounts.Row account = current(id);
        boolean first = account.passwordHash() == null;
        if (first) {
            AccountLogins.checkCode("code", change.code(), errors);
            PersonAccounts.refuseIfAny(errors);
            codes.verify(account.mobile(), SmsPurpose.SET_PASSWORD.code(), change.code());
        } else {
            PasswordRule.checkGiven("oldPassword", change.oldPassword(), errors);
            PersonAccounts.refuseIfAny(errors);
            limits.account(TenantContext.require().code(), account.mobile(), null);
            if (!passwords.matches(change.oldPassword(), account.passwordHash())) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("oldPassword", "the current password is wrong", "old-password-wrong")));
            }
        }
        String hash = passwords.encode(change.newPassword());
        tx.executeWithoutResult(s -> {
            PersonAccounts.Row locked = accounts.lockActive(id);
            if (first != (locked.passwordHash() == null)) {
                throw ApiException.conflict("password-changed", "the password was set or changed meanwhile; try again");
            }
            Instant now = clock.instant();
            jdbc.sql("update account set password_hash = ?, password_set_at = ?, updated_at = ?, version = version + 1 where id = ?")
                    .params(hash, Timestamp.from(now), Timestamp.from(now), id).update();
            int ended = accounts.endSessions(id, me.principal().tokenHash());
            accounts.record(id, me.actor(), first ? "password-set" : "password-changed", Map.of("otherSessionsEnded", ended));
        });
    }

    /**
     * APP-100: the current number and the new one each confirm by SMS code ({@link SmsPurpose#CHANGE_MOBILE_OLD},
     * {@link SmsPurpose#CHANGE_MOBILE_NEW}); afterwards the account logs in with the new number only. A number another
     * ACTIVE account uses gets no code, so the change fails as with a wrong code; 409 {@code mobile-taken} only when
     * another account took the number between the codes and the change.
     */
    public AccountView changeMobile(PartyAccess me, MobileChange change) {
        long id = accounts.require(me);
        List<ApiException.FieldError> errors = new ArrayList<>();
        AccountLogins.checkCode("oldCode", change.oldCode(), errors);
        PersonAccounts.checkMobile("newMobile", change.newMobile(), errors);
        AccountLogins.checkCode("newCode", change.newCode(), errors);
        PersonAccounts.refuseIfAny(errors);
        PersonAccounts.Row account = current(id);
        if (account.mobile().equals(change.newMobile())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("newMobile", "this is the account's number already")));
        }
        // no check of the new number before both codes are right: that would tell anyone whether a number has an account
        // (a number another account uses never gets a CHANGE_MOBILE_NEW code, so its code fails like a wrong one)
        codes.verify(account.mobile(), SmsPurpose.CHANGE_MOBILE_OLD.code(), change.oldCode());
        codes.verify(change.newMobile(), SmsPurpose.CHANGE_MOBILE_NEW.code(), change.newCode());
        try {
            tx.executeWithoutResult(s -> {
                PersonAccounts.Row locked = accounts.lockActive(id);
                Instant now = clock.instant();
                jdbc.sql("update account set mobile = ?, updated_at = ?, version = version + 1 where id = ?")
                        .params(change.newMobile(), Timestamp.from(now), id).update();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", SmsMessage.mask(locked.mobile()));
                detail.put("to", SmsMessage.mask(change.newMobile()));
                accounts.record(id, me.actor(), "mobile-changed", detail);
            });
        } catch (DuplicateKeyException concurrent) {
            throw taken();
        }
        log.info("account {} changed its mobile number to {}", id, SmsMessage.mask(change.newMobile()));
        return accounts.view(id);
    }

    /** APP-103: what keeps the account from closing now; empty when it may close. */
    public List<ClosureCheck.Left> closureBlockers(PartyAccess me) {
        long id = accounts.require(me);
        return tx.execute(s -> left(current(id)));
    }

    /**
     * APP-103: closes the account once the {@link SmsPurpose#CLOSE_ACCOUNT} code sent to its number is right and
     * nothing is left (bank cards, certificates, …: {@link ClosureCheck}); else 409 {@value #CLOSURE_REFUSED} listing
     * what is left (as {@code errors}: field is the check's code). Every session of the account ends; the number may
     * register a new account.
     */
    public void close(PartyAccess me, String code) {
        long id = accounts.require(me);
        List<ApiException.FieldError> errors = new ArrayList<>();
        AccountLogins.checkCode("code", code, errors);
        PersonAccounts.refuseIfAny(errors);
        PersonAccounts.Row account = current(id);
        refuseIfLeft(tx.execute(s -> left(account)));
        codes.verify(account.mobile(), SmsPurpose.CLOSE_ACCOUNT.code(), code);
        tx.executeWithoutResult(s -> {
            PersonAccounts.Row locked = accounts.lockActive(id);
            refuseIfLeft(left(locked));
            Instant now = clock.instant();
            jdbc.sql("update account set status = 'CLOSED', closed_at = ?, updated_at = ?, version = version + 1 where id = ?")
                    .params(Timestamp.from(now), Timestamp.from(now), id).update();
            int ended = accounts.endSessions(id, null);
            accounts.record(id, me.actor(), "closed", Map.of("mobile", SmsMessage.mask(locked.mobile()), "sessionsEnded", ended));
        });
        log.info("account {} closed", id);
    }

    private List<ClosureCheck.Left> left(PersonAccounts.Row account) {
        List<ClosureCheck.Left> left = new ArrayList<>();
        for (ClosureCheck check : closureChecks) {
            left.addAll(check.left(account.id(), account.partyId()));
        }
        return left;
    }

    private static void refuseIfLeft(List<ClosureCheck.Left> left) {
        if (!left.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, CLOSURE_REFUSED,
                    "the account cannot be closed while something is left: " + String.join("; ", left.stream().map(ClosureCheck.Left::message).toList()),
                    left.stream().map(l -> new ApiException.FieldError(l.code(), l.message(), l.code())).toList());
        }
    }

    private PersonAccounts.Row current(long id) {
        return tx.execute(s -> accounts.find(id)).filter(PersonAccounts.Row::active)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "the account was closed"));
    }

    private static ApiException taken() {
        return ApiException.conflict("mobile-taken", "another account uses this number");
    }
}
