package cn.huren.server.account;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.captcha.Captchas;
import cn.huren.server.login.CertificateLogin;
import cn.huren.server.login.LoginLimits;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.Authentication;
import cn.huren.server.session.PartySessions;
import cn.huren.server.smscode.SmsCodes;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ClientAddress;
import cn.huren.server.support.FailureCounts;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.support.Purges;
import cn.huren.server.support.TextInput;
import cn.huren.server.support.Tokens;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import jakarta.servlet.http.HttpSession;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing in to a person's account, for the API and the portal alike: SMS codes for the account's purposes,
 * registration by SMS code (APP-03), login by password (APP-04, APP-05, ORD-04: a captcha after failed attempts) or by
 * SMS code, and the forgotten password reset by SMS code (ORD-05, APP-101). Each opens a party session of the account
 * as an identity login does and hands back the token and its hash ({@link OpenedSession}). Rate limited like every
 * party login ({@link LoginLimits}); failed passwords are counted in {@code account_login_failure} ({@link FailureCounts}).
 */
@Component
public class AccountLogins {

    private static final Logger log = LoggerFactory.getLogger(AccountLogins.class);

    /**
     * A session just opened: {@code token} goes to the app (Bearer), {@code tokenHash} to a browser's cookie session
     * ({@code PortalSession.signIn}); the token itself is never stored.
     */
    public record OpenedSession(String token, String tokenHash, long accountId, boolean realNameVerified, Instant expiresAt) {
    }

    /** A password login as typed; {@code captchaId}/{@code captchaAnswer} only once {@link #captchaRequired} says so. */
    public record PasswordLogin(String mobile, String password, Boolean privacyConsent, String captchaId, String captchaAnswer) {
    }

    /** ORD-04: the ordering system's login as typed; the captcha is always asked. */
    public record EnterprisePasswordLogin(String enterpriseName, String password, Boolean privacyConsent, String captchaId, String captchaAnswer) {
    }

    private enum Outcome { OPENED, CAPTCHA_REQUIRED, CAPTCHA_WRONG, WRONG }

    private record Attempt(Outcome outcome, OpenedSession session, boolean captchaNext) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonAccounts accounts;
    private final SmsCodes codes;
    private final Captchas captchas;
    private final LoginLimits limits;
    private final PartySessions sessions;
    private final PartyRegistration parties;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final FailureCounts failures;
    private final int perNumber;
    private final int perAddress;
    private final List<EnterpriseAdmins> admins;
    private volatile String unmatchable;

    AccountLogins(TenantData data, PlatformTransactionManager transactions, PersonAccounts accounts, SmsCodes codes, Captchas captchas,
                  LoginLimits limits, PartySessions sessions, PartyRegistration parties, PasswordEncoder passwords, Clock clock,
                  @Value("${huren.account.captcha.per-number:3}") int perNumber,
                  @Value("${huren.account.captcha.per-address:10}") int perAddress,
                  @Value("${huren.account.captcha.window:PT15M}") Duration window, List<EnterpriseAdmins> admins) {
        if (perNumber < 1 || perAddress < perNumber) {
            throw new IllegalArgumentException("huren.account.captcha: per-number ≥ 1, per-address ≥ per-number");
        }
        this.admins = List.copyOf(admins);
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.accounts = accounts;
        this.codes = codes;
        this.captchas = captchas;
        this.limits = limits;
        this.sessions = sessions;
        this.parties = parties;
        this.passwords = passwords;
        this.clock = clock;
        this.failures = new FailureCounts(jdbc, clock, "account_login_failure", window);
        this.perNumber = perNumber;
        this.perAddress = perAddress;
    }

    /**
     * Sends an SMS code for {@code purpose} to {@code mobile} and answers when it expires. For a purpose that needs
     * an account ({@link SmsPurpose#needsAccount}) and a number no ACTIVE account uses, and for
     * {@link SmsPurpose#CHANGE_MOBILE_NEW} to a number an ACTIVE account uses, nothing is sent and the answer is the same
     * (the code is withheld: it counts against the same rate limits).
     *
     * @param address the client's address (rate limits), null when unknown
     */
    public Instant sendCode(String mobile, SmsPurpose purpose, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PersonAccounts.checkMobile("phone", mobile, errors);
        if (purpose == null) {
            errors.add(new ApiException.FieldError("purpose", "required: one of " + java.util.Arrays.toString(SmsPurpose.values())));
        }
        PersonAccounts.refuseIfAny(errors);
        boolean taken = Boolean.TRUE.equals(tx.execute(s -> accounts.mobileTaken(mobile)));
        boolean send = purpose.needsAccount() ? taken : purpose != SmsPurpose.CHANGE_MOBILE_NEW || !taken;
        Instant expiresAt = clock.instant().plus(SmsCodes.LIFETIME);
        if (send) {
            codes.issue(mobile, purpose.code(), address);
        } else {
            // counted like a sent code (same limits, same 429s), so that not even the rate limit tells the numbers apart
            codes.withhold(mobile, purpose.code(), address);
        }
        return expiresAt;
    }

    /**
     * APP-03: registers an account for a number no ACTIVE account uses, or signs the existing account in, once the
     * {@link SmsPurpose#REGISTER} code is right. {@code privacyConsent} must be true (APP-05).
     */
    public OpenedSession register(String mobile, String code, Boolean privacyConsent, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PersonAccounts.checkMobile("mobile", mobile, errors);
        checkCode("code", code, errors);
        checkConsent(privacyConsent, errors); // APP-05: it signs an existing account in as well
        PersonAccounts.refuseIfAny(errors);
        limit(mobile, address);
        codes.verify(mobile, SmsPurpose.REGISTER.code(), code);
        try {
            return tx.execute(s -> {
                Instant now = clock.instant();
                PersonAccounts.Row account = accounts.activeByMobile(mobile).orElse(null);
                long id;
                if (account == null) {
                    id = jdbc.sql("""
                                    insert into account (mobile, status, created_at, updated_at)
                                    values (?, 'ACTIVE', ?, ?) returning id""")
                            .params(mobile, Timestamp.from(now), Timestamp.from(now))
                            .query(Long.class).single();
                    accounts.record(id, PersonAccounts.actor(id), "registered", Map.of("mobile", SmsMessage.mask(mobile)));
                    consent(id, privacyConsent);
                    log.info("account {} registered for {}", id, SmsMessage.mask(mobile));
                    account = accounts.find(id).orElseThrow();
                } else {
                    consent(account.id(), privacyConsent);
                }
                return open(account, Authentication.SMS_CODE);
            });
        } catch (DuplicateKeyException concurrent) {
            // the same number registered by a concurrent request: its code is used, the other request holds the account
            throw ApiException.conflict("account-exists", "this number was registered just now; log in with a new code");
        }
    }

    /** Whether a password login of {@code mobile} from {@code address} needs a captcha now (ORD-04): pages show one. */
    public boolean captchaRequired(String mobile, String address) {
        if (!MobileNumbers.mainland(mobile)) {
            return false;
        }
        FailureCounts.Counts counts = tx.execute(s -> failures.count(mobile, addressKey(address)));
        return needsCaptcha(counts);
    }

    /**
     * APP-04, APP-05, ORD-04: login by mobile number and password, with the privacy policy consented to. After
     * {@code per-number} (3) failed passwords of the number or {@code per-address} (10) from the address within the
     * window (15 minutes) the login needs a captcha issued to {@code session} ({@code GET /api/t/{tenant}/captcha}).
     * A wrong password, an unknown number and an account without a password get the same answer (401
     * {@code login-failed}) after the same Argon2 work.
     */
    public OpenedSession passwordLogin(PasswordLogin login, HttpSession session, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PersonAccounts.checkMobile("mobile", login.mobile(), errors);
        PasswordRule.checkGiven("password", login.password(), errors);
        checkConsent(login.privacyConsent(), errors);
        checkCaptchaFields(login.captchaId(), login.captchaAnswer(), errors);
        PersonAccounts.refuseIfAny(errors);
        String mobile = login.mobile();
        return checkPassword(mobile, SmsMessage.mask(mobile), () -> accounts.activeByMobile(mobile), login.password(), login.captchaId(),
                login.captchaAnswer(), false, session, address, "the mobile number or the password is wrong");
    }

    /**
     * ORD-04: the ordering system's login by the enterprise's full registered name (企业全称, or its USCC) and the
     * password of the enterprise's administrator (管理员) account, always with a captcha; the session is that
     * account's (docs/accounts.md). An unknown name, an enterprise without an administrator and a wrong password get
     * one answer after the same work.
     */
    public OpenedSession enterprisePasswordLogin(EnterprisePasswordLogin login, HttpSession session, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String name = login.enterpriseName() == null ? "" : login.enterpriseName().strip();
        if (name.isEmpty() || name.length() > 200 || TextInput.refusal(name) != null) {
            errors.add(new ApiException.FieldError("enterpriseName", "the enterprise's full registered name (企业全称) or its USCC, 1 to 200 characters"));
        }
        PasswordRule.checkGiven("password", login.password(), errors);
        checkConsent(login.privacyConsent(), errors);
        checkCaptchaFields(login.captchaId(), login.captchaAnswer(), errors);
        PersonAccounts.refuseIfAny(errors);
        String key = enterpriseKey(name);
        return checkPassword(key, "enterprise " + key.substring(11, 19), () -> adminOf(name), login.password(), login.captchaId(),
                login.captchaAnswer(), true, session, address, "the enterprise name or the password is wrong");
    }

    /** The failure-count key of an enterprise name: hashed (names are long, and logs then never carry them). */
    private static String enterpriseKey(String name) {
        return "enterprise:" + Hashes.sha256Hex(name.toUpperCase(java.util.Locale.ROOT)).substring(0, 40);
    }

    private Optional<PersonAccounts.Row> adminOf(String enterpriseName) {
        return admins.stream().map(a -> a.adminAccount(enterpriseName)).flatMap(Optional::stream).findFirst()
                .flatMap(accounts::find).filter(a -> "ACTIVE".equals(a.status()));
    }

    /** ORD-05 by enterprise name: a reset code goes to the administrator's number (withheld, same answer, when there is none). */
    public Instant sendEnterpriseResetCode(String enterpriseName, String address) {
        String name = enterpriseName == null ? "" : enterpriseName.strip();
        if (name.isEmpty() || name.length() > 200 || TextInput.refusal(name) != null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("enterpriseName",
                    "the enterprise's full registered name (企业全称) or its USCC, 1 to 200 characters")));
        }
        limit(enterpriseKey(name), address);
        Optional<PersonAccounts.Row> admin = tx.execute(s -> adminOf(name));
        Instant expiresAt = clock.instant().plus(SmsCodes.LIFETIME);
        if (admin.isPresent()) {
            codes.issue(admin.get().mobile(), SmsPurpose.RESET_PASSWORD.code(), address);
        } else {
            // counted under a number made from the name, so that the rate limits answer as for a known enterprise
            codes.withhold(withheldNumber(name), "enterprise-reset", address);
        }
        return expiresAt;
    }

    /**
     * ORD-05 by enterprise name: as {@link #resetPassword}, for the administrator's account found by the name. A name
     * without an administrator takes the same path — the same limits, a code checked (against the withheld one, so
     * never right), the same refusals — so that nothing tells whether the name has an administrator.
     */
    public void resetEnterprisePassword(String enterpriseName, String code, String newPassword, String address) {
        String name = enterpriseName == null ? "" : enterpriseName.strip();
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200 || TextInput.refusal(name) != null) {
            errors.add(new ApiException.FieldError("enterpriseName", "the enterprise's full registered name (企业全称) or its USCC, 1 to 200 characters"));
        }
        checkCode("code", code, errors);
        PasswordRule.check("newPassword", newPassword, errors);
        PersonAccounts.refuseIfAny(errors);
        limit(enterpriseKey(name), address);
        Optional<PersonAccounts.Row> admin = tx.execute(s -> adminOf(name));
        if (admin.isEmpty()) {
            codes.verify(withheldNumber(name), "enterprise-reset", code); // throws: nobody knows a withheld code
            throw new ApiException(HttpStatus.BAD_REQUEST, "sms-code-invalid", "no code was sent to this number, or it was used already");
        }
        resetPassword(admin.get().mobile(), code, newPassword, address);
    }

    /** The number a name without an administrator counts its withheld reset codes under. */
    private static String withheldNumber(String name) {
        return "199" + String.format("%08d", Long.parseLong(enterpriseKey(name).substring(11, 24), 16) % 100_000_000L);
    }

    private void checkCaptchaFields(String captchaId, String captchaAnswer, List<ApiException.FieldError> errors) {
        if (captchaId != null && (captchaId.length() > 64 || TextInput.refusal(captchaId) != null)) {
            errors.add(new ApiException.FieldError("captchaId", "not a captcha id"));
        }
        if (captchaAnswer != null && (captchaAnswer.length() > 16 || TextInput.refusal(captchaAnswer) != null)) {
            errors.add(new ApiException.FieldError("captchaAnswer", "at most 16 characters"));
        }
    }

    private OpenedSession checkPassword(String key, String shown, java.util.function.Supplier<Optional<PersonAccounts.Row>> lookup, String password,
                                        String captchaId, String captchaAnswer, boolean alwaysCaptcha, HttpSession session, String address,
                                        String wrong) {
        limit(key, address);
        String tenant = TenantContext.require().code();
        String addressKey = addressKey(address);
        // The attempt counts as a failure before its password is checked, so that concurrent guesses meet the captcha
        // exactly at the threshold; the Argon2 work then runs outside any transaction, so that a flood of logins holds
        // no database connection and no lock while it hashes. A right password takes its failure back.
        Attempt attempt = tx.execute(s -> {
            failures.lock(key);
            FailureCounts.Counts counts = failures.count(key, addressKey);
            if (alwaysCaptcha || needsCaptcha(counts)) {
                if (captchaId == null || captchaAnswer == null) {
                    return new Attempt(Outcome.CAPTCHA_REQUIRED, null, true);
                }
                if (!captchas.verify(session, tenant, captchaId, captchaAnswer)) {
                    return new Attempt(Outcome.CAPTCHA_WRONG, null, true);
                }
            }
            failures.fail(key, addressKey);
            return new Attempt(Outcome.WRONG, null, counts.name() + 1 >= perNumber || counts.address() + 1 >= perAddress);
        });
        if (attempt.outcome() == Outcome.WRONG) {
            Optional<PersonAccounts.Row> account = tx.execute(s -> lookup.get());
            String hash = account.map(PersonAccounts.Row::passwordHash).orElse(null);
            boolean matches = passwords.matches(password, hash == null ? unmatchable() : hash);
            if (matches && hash != null) {
                Attempt checked = attempt;
                attempt = tx.execute(s -> {
                    // the account as it is now: closed, or its password changed, while the hash was being checked
                    Optional<PersonAccounts.Row> now = lookup.get().filter(a -> hash.equals(a.passwordHash()));
                    if (now.isEmpty()) {
                        return checked;
                    }
                    failures.clear(key, addressKey);
                    consent(now.get().id(), true);
                    return new Attempt(Outcome.OPENED, open(now.get(), Authentication.PASSWORD), false);
                });
            }
        }
        if (Purges.due()) {
            failures.purge();
        }
        return switch (attempt.outcome()) {
            case OPENED -> attempt.session();
            case CAPTCHA_REQUIRED -> throw captchaRequired();
            case CAPTCHA_WRONG -> throw new ApiException(HttpStatus.BAD_REQUEST, "captcha-invalid",
                    "the captcha answer is wrong or the captcha expired; get a new captcha (GET /api/t/{tenant}/captcha)");
            case WRONG -> {
                log.info("password login of {} refused", shown);
                throw new ApiException(HttpStatus.UNAUTHORIZED, "login-failed",
                        wrong + ". A password works only once it is set: log in with an SMS code "
                                + "and set one under account security (账号与安全)"
                                + (attempt.captchaNext() ? ". From now on the login needs a captcha" : ""));
            }
        };
    }

    /** Login by mobile number and a {@link SmsPurpose#LOGIN} code, with the privacy policy consented to. */
    public OpenedSession smsLogin(String mobile, String code, Boolean privacyConsent, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PersonAccounts.checkMobile("mobile", mobile, errors);
        checkCode("code", code, errors);
        checkConsent(privacyConsent, errors);
        PersonAccounts.refuseIfAny(errors);
        limit(mobile, address);
        codes.verify(mobile, SmsPurpose.LOGIN.code(), code);
        return tx.execute(s -> {
            PersonAccounts.Row account = accounts.activeByMobile(mobile).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                    "login-failed", "no account uses this number; register first"));
            consent(account.id(), true);
            return open(account, Authentication.SMS_CODE);
        });
    }

    /**
     * ORD-05, APP-101: a forgotten password is replaced with {@code newPassword} once the {@link SmsPurpose#RESET_PASSWORD}
     * code sent to the number is right; every session of the account ends and the number's failed attempts are forgotten.
     * No password is ever sent by SMS.
     */
    public void resetPassword(String mobile, String code, String newPassword, String address) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        PersonAccounts.checkMobile("mobile", mobile, errors);
        checkCode("code", code, errors);
        PasswordRule.check("newPassword", newPassword, errors);
        PersonAccounts.refuseIfAny(errors);
        limit(mobile, address);
        codes.verify(mobile, SmsPurpose.RESET_PASSWORD.code(), code);
        String hash = passwords.encode(newPassword);
        tx.executeWithoutResult(s -> {
            PersonAccounts.Row account = accounts.activeByMobile(mobile).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                    "sms-code-invalid", "no code was sent to this number"));
            accounts.lockActive(account.id());
            Instant now = clock.instant();
            jdbc.sql("update account set password_hash = ?, password_set_at = ?, updated_at = ?, version = version + 1 where id = ?")
                    .params(hash, Timestamp.from(now), Timestamp.from(now), account.id()).update();
            int ended = accounts.endSessions(account.id(), null);
            failures.clearName(mobile);
            accounts.record(account.id(), PersonAccounts.actor(account.id()), "password-reset", Map.of("sessionsEnded", ended));
        });
        log.info("password of {} reset by SMS code", SmsMessage.mask(mobile));
    }

    private boolean needsCaptcha(FailureCounts.Counts counts) {
        return counts.name() >= perNumber || counts.address() >= perAddress;
    }

    private static ApiException captchaRequired() {
        return new ApiException(HttpStatus.BAD_REQUEST, "captcha-required",
                "after failed attempts this login needs a captcha: GET /api/t/{tenant}/captcha (keep its cookie) and send captchaId and captchaAnswer",
                List.of(new ApiException.FieldError("captchaAnswer", "required after failed attempts", "captcha-required")));
    }

    /** Opens a session of the account; inside the caller's transaction. */
    private OpenedSession open(PersonAccounts.Row account, Authentication method) {
        if (Purges.due()) {
            sessions.purgeEnded();
        }
        String token = Tokens.random();
        String hash = Hashes.sha256Hex(token);
        PartyView party = account.realNameVerified() ? parties.require(account.partyId()) : null;
        Instant expiresAt = clock.instant().plus(CertificateLogin.SESSION_TTL);
        jdbc.sql("""
                        insert into party_session (token_hash, holder_kind, holder_identifier, holder_name, party_id, expires_at, created_at,
                          login_method, account_id) values (?, 'NATURAL_PERSON', ?, ?, ?, ?, ?, ?, ?)""")
                .params(hash, party == null ? null : party.identifier(), party == null ? null : party.name(),
                        party == null ? null : party.id(), Timestamp.from(expiresAt), Timestamp.from(clock.instant()), method.method(), account.id())
                .update();
        jdbc.sql("insert into login_log (at, subject, outcome, reason) values (?, ?, 'SUCCESS', ?)")
                .params(Timestamp.from(clock.instant()), PersonAccounts.actor(account.id()), "login method " + method.method()).update();
        return new OpenedSession(token, hash, account.id(), account.realNameVerified(), expiresAt);
    }

    /** The first consent to the privacy policy is kept, with its time, in the account's history and on the ledger. */
    private void consent(long accountId, Boolean privacyConsent) {
        if (Boolean.TRUE.equals(privacyConsent)) {
            Instant now = clock.instant();
            int first = jdbc.sql("update account set privacy_consent_at = ? where id = ? and privacy_consent_at is null")
                    .params(Timestamp.from(now), accountId).update();
            if (first == 1) {
                accounts.record(accountId, PersonAccounts.actor(accountId), "privacy-consent", Map.of("at", now.toString()));
            }
        }
    }

    private void limit(String mobile, String address) {
        limits.address(address);
        limits.account(TenantContext.require().code(), mobile, address);
    }

    /** APP-05: no login by password or SMS code without consent to the privacy policy. */
    private static void checkConsent(Boolean privacyConsent, List<ApiException.FieldError> errors) {
        if (!Boolean.TRUE.equals(privacyConsent)) {
            errors.add(new ApiException.FieldError("privacyConsent", "consent to the privacy policy (隐私政策) is required to log in", "privacy-consent-required"));
        }
    }

    static void checkCode(String field, String code, List<ApiException.FieldError> errors) {
        if (code == null || !code.matches("[0-9]{6}")) {
            errors.add(new ApiException.FieldError(field, "the 6-digit code of the SMS message"));
        }
    }

    private static String addressKey(String address) {
        String key = ClientAddress.key(address);
        return key == null ? "-" : TextInput.storable(key, 200);
    }

    private String unmatchable() {
        String hash = unmatchable;
        if (hash == null) {
            synchronized (this) {
                if (unmatchable == null) {
                    unmatchable = passwords.encode(Tokens.random());
                }
                hash = unmatchable;
            }
        }
        return hash;
    }
}
