package cn.huren.server.smscode;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ClientAddress;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.support.Purges;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time SMS codes of the current tenant: 6 random digits, valid 5 minutes, 5 tries, single use. Only a salted
 * SHA-256 of a code is stored and no code is ever logged (the dev sink logs what it "sends"); numbers are logged
 * masked. Limits (per phone and purpose: 1 a minute, 5 an hour; per client address: 20 an hour) count the rows of
 * {@code sms_code} under an advisory lock, and attempts and use change in single conditional statements, so all of
 * it holds across nodes. A number is also limited across every portal of the installation (10 an hour, 20 a day,
 * counted in {@code platform.sms_phone_send} by the number's hash): each portal's own limits would otherwise add up.
 */
@Component
public class SmsCodes {

    private static final Logger log = LoggerFactory.getLogger(SmsCodes.class);

    /** How long a code may be used after it was issued. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(60);
    static final int PER_PHONE_HOUR = 5;
    /** The default of {@code huren.sms.codes.per-address-per-hour}. */
    static final int PER_ADDRESS_HOUR = 20;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    /** The defaults of {@code huren.sms.codes.per-phone-per-hour-all-portals} and {@code …-per-day-all-portals}. */
    static final int ALL_PORTALS_HOUR = 10;
    static final int ALL_PORTALS_DAY = 20;
    /** Wrong tries of all of a number's codes within {@link #WRONG_TRIES_WINDOW} after which none of its codes is checked. */
    static final int MAX_WRONG_TRIES_PER_DAY = 15;
    static final Duration WRONG_TRIES_WINDOW = Duration.ofDays(1);
    /** Rows older than this are deleted now and then by {@link #issue} ({@link Purges}). */
    static final Duration RETENTION = Duration.ofDays(1);
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    /** The core's purposes, and a plugin's namespaced by its id ({@code neimenggu.binding}, {@link PluginPhoneCodes}). */
    private static final Pattern PURPOSE = Pattern.compile("(?=.{1,32}$)[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)?");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SmsDelivery delivery;
    private final Clock clock;
    private final String template;
    private final CoreSettings core;
    private final int perAddressHour;
    // volatile: tests of the limit set their own (the suite shares numbers across many tests)
    private volatile int allPortalsHour;
    private volatile int allPortalsDay;
    private final SecureRandom random = new SecureRandom();

    SmsCodes(TenantData data, PlatformTransactionManager transactions, SmsDelivery delivery, Clock clock,
             @Value("${huren.sms.templates.code:SMS_CODE}") String template, CoreSettings core,
             @Value("${huren.sms.codes.per-address-per-hour:" + PER_ADDRESS_HOUR + "}") int perAddressHour,
             @Value("${huren.sms.codes.per-phone-per-hour-all-portals:" + ALL_PORTALS_HOUR + "}") int allPortalsHour,
             @Value("${huren.sms.codes.per-phone-per-day-all-portals:" + ALL_PORTALS_DAY + "}") int allPortalsDay) {
        if (perAddressHour < 1) {
            throw new IllegalArgumentException("huren.sms.codes.per-address-per-hour must be at least 1");
        }
        allPortals(allPortalsHour, allPortalsDay);
        this.perAddressHour = perAddressHour;
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.delivery = delivery;
        this.clock = clock;
        this.template = template;
        this.core = core;
    }

    /**
     * Sends a new code for {@code purpose} (e.g. {@code register}) to {@code phone}, which makes any earlier code of
     * the phone and purpose unusable. {@code address} is the client's (null when unknown: not limited by address).
     * The message goes out after this returns ({@link SmsDelivery}: retried while the provider is unavailable), so
     * the caller's answer never depends on the provider.
     *
     * @throws ApiException 400 for a phone that is not a mainland mobile number; 429 with Retry-After over a limit
     */
    public void issue(String phone, String purpose, String address) {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        store(phone, purpose, address, code);
        delivery.send(new SmsMessage(phone, template(), Map.of("code", code)), clock.instant().plus(LIFETIME), purpose);
        log.info("SMS code issued for {} purpose {}", mask(phone), purpose);
    }

    /**
     * Counts as {@link #issue} does (the same limits, the same 429s) but sends nothing: for a caller that must not
     * tell whether a number has an account, where the purpose needs one and the number has none. The stored code is
     * random and known to nobody.
     */
    public void withhold(String phone, String purpose, String address) {
        store(phone, purpose, address, "%06d".formatted(random.nextInt(1_000_000)));
        log.info("SMS code for {} purpose {} withheld", mask(phone), purpose);
    }

    private long store(String phone, String purpose, String address, String code) {
        requireMobile(phone);
        requirePurpose(purpose);
        String addressKey = truncate(ClientAddress.key(address), 64);
        String salt = HexFormat.of().formatHex(bytes(16));
        Instant now = clock.instant();
        return tx.execute(s -> {
            if (Purges.due()) {
                purgeOld();
            }
            lock("sms-code:" + phone + ":" + purpose);
            limitPhone(phone, purpose, now);
            limitAllPortals(phone, now);
            if (addressKey != null) {
                lock("sms-code-address:" + addressKey);
                limitAddress(addressKey, now);
            }
            return jdbc.sql("""
                            insert into sms_code (phone, purpose, code_hash, salt, expires_at, attempts, created_at, address)
                            values (?, ?, ?, ?, ?, 0, ?, ?) returning id""")
                    .params(phone, purpose, hash(salt, code), salt, Timestamp.from(now.plus(LIFETIME)), Timestamp.from(now), addressKey)
                    .query(Long.class).single();
        });
    }

    /** The tenant's own template for codes ({@code core.sms.template.verification}), else the installation's. */
    private String template() {
        return core.of(TenantContext.require().code()).text(CoreSettings.SMS_TEMPLATE_VERIFICATION)
                .filter(t -> !t.isBlank()).orElse(template);
    }

    /**
     * Deletes (up to one batch of) the tenant's codes issued more than {@link #RETENTION} ago: the limits look back an
     * hour and a code lives five minutes, so such a row is of no use. Called now and then by {@link #issue}.
     */
    int purgeOld() {
        Instant before = clock.instant().minus(RETENTION);
        return Purges.expired(jdbc, "sms_code", "created_at < timestamptz '" + before + "'")
                + Purges.expired(jdbc, "platform.sms_phone_send", "at < timestamptz '" + before.minus(DAY) + "'");
    }

    /** The limits across all portals; at least 1 each. */
    void allPortals(int perHour, int perDay) {
        if (perHour < 1 || perDay < perHour) {
            throw new IllegalArgumentException("huren.sms.codes.per-phone-per-hour-all-portals must be at least 1, "
                    + "and per-phone-per-day-all-portals at least as many");
        }
        this.allPortalsHour = perHour;
        this.allPortalsDay = perDay;
    }

    /**
     * Checks {@code code} against the latest unused code of the phone and purpose and uses it up when it is right.
     *
     * @throws ApiException 400: {@code sms-code-invalid} (wrong, used, or none issued), {@code sms-code-expired},
     *     {@code sms-code-locked} (5 wrong tries); a field error for a phone that is not a mainland mobile number
     */
    public void verify(String phone, String purpose, String code) {
        requireMobile(phone);
        requirePurpose(purpose);
        Instant now = clock.instant();
        // wrong tries of every code of the number, whatever the purpose: each code has 5, but codes can be asked for again
        long wrongToday = jdbc.sql("select coalesce(sum(attempts), 0) from sms_code where phone = ? and created_at > ?")
                .params(phone, Timestamp.from(now.minus(WRONG_TRIES_WINDOW))).query(Long.class).single();
        if (wrongToday >= MAX_WRONG_TRIES_PER_DAY) {
            log.info("SMS codes for {} refused: {} wrong tries in a day", mask(phone), wrongToday);
            throw new ApiException(HttpStatus.BAD_REQUEST, "sms-code-locked",
                    "too many wrong codes for this number today; try again tomorrow, or ask the service desk");
        }
        // the newest code only, used or not: a newer code makes every older one unusable, also once it is used itself
        Optional<Issued> latest = jdbc.sql("""
                        select id, code_hash, salt, expires_at, attempts, consumed_at is not null from sms_code
                        where phone = ? and purpose = ? order by created_at desc, id desc limit 1""")
                .params(phone, purpose)
                .query((rs, n) -> new Issued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getInt(5),
                        rs.getBoolean(6)))
                .optional();
        if (latest.isEmpty() || latest.get().consumed()) {
            throw invalid(phone, purpose, "no code was sent to this number, or it was used already");
        }
        Issued issued = latest.get();
        if (!now.isBefore(issued.expiresAt())) {
            log.info("SMS code for {} purpose {} expired", mask(phone), purpose);
            throw new ApiException(HttpStatus.BAD_REQUEST, "sms-code-expired", "the code has expired; ask for a new one");
        }
        if (issued.attempts() >= MAX_ATTEMPTS) {
            throw locked(phone, purpose);
        }
        boolean right = code != null && CODE.matcher(code).matches() && MessageDigest.isEqual(
                hash(issued.salt(), code).getBytes(StandardCharsets.US_ASCII), issued.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (right) {
            // single use: of two concurrent verifies only one row update succeeds
            int used = jdbc.sql("""
                            update sms_code set consumed_at = ? where id = ? and consumed_at is null and attempts < ? and expires_at > ?""")
                    .params(Timestamp.from(now), issued.id(), MAX_ATTEMPTS, Timestamp.from(now)).update();
            if (used == 1) {
                log.info("SMS code for {} purpose {} verified", mask(phone), purpose);
                return;
            }
            throw invalid(phone, purpose, "the code was used already");
        }
        List<Integer> attempts = jdbc.sql("""
                        update sms_code set attempts = attempts + 1 where id = ? and attempts < ? and consumed_at is null
                        returning attempts""")
                .params(issued.id(), MAX_ATTEMPTS).query(Integer.class).list();
        if (attempts.isEmpty() || attempts.get(0) >= MAX_ATTEMPTS) {
            throw locked(phone, purpose);
        }
        throw invalid(phone, purpose, "the code is wrong; " + (MAX_ATTEMPTS - attempts.get(0)) + " tries left");
    }

    private static String mask(String phone) {
        return SmsMessage.mask(phone);
    }

    private record Issued(long id, String codeHash, String salt, Instant expiresAt, int attempts, boolean consumed) {
    }

    private void limitPhone(String phone, String purpose, Instant now) {
        Window w = window("select count(*), min(created_at), max(created_at) from sms_code where phone = ? and purpose = ? and created_at > ?",
                phone, purpose, Timestamp.from(now.minus(HOUR)));
        if (w.count() > 0 && w.newest().plus(MIN_INTERVAL).isAfter(now)) {
            throw new TooManyRequests("sms-code-rate-limited", "a code was sent to this number less than a minute ago",
                    Duration.between(now, w.newest().plus(MIN_INTERVAL)));
        }
        if (w.count() >= PER_PHONE_HOUR) {
            throw new TooManyRequests("sms-code-rate-limited", "too many codes for this number in the last hour",
                    Duration.between(now, w.oldest().plus(HOUR)));
        }
    }

    /**
     * The number across every portal of the installation: each tenant's limits are its own, so without this a number
     * could be sent 5 codes an hour per purpose by every portal. Counted in the platform schema by the number's hash
     * (one hash for all tenants; the number itself stays in the tenant's rows), under a lock of its own.
     */
    private void limitAllPortals(String phone, Instant now) {
        String key = Hashes.sha256Hex("huren-sms-phone:" + phone);
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sms-phone:" + key).query((rs, n) -> 1).single();
        Window day = window("select count(*), min(at), max(at) from platform.sms_phone_send where phone_hash = ? and at > ?",
                key, Timestamp.from(now.minus(DAY)));
        Window hour = day.count() < allPortalsHour ? day : window(
                "select count(*), min(at), max(at) from platform.sms_phone_send where phone_hash = ? and at > ?", key,
                Timestamp.from(now.minus(HOUR)));
        if (hour.count() >= allPortalsHour) {
            throw new TooManyRequests("sms-code-rate-limited", "too many codes for this number on all portals in the last hour",
                    Duration.between(now, hour.oldest().plus(HOUR)));
        }
        if (day.count() >= allPortalsDay) {
            throw new TooManyRequests("sms-code-rate-limited", "too many codes for this number on all portals in the last day",
                    Duration.between(now, day.oldest().plus(DAY)));
        }
        jdbc.sql("insert into platform.sms_phone_send (phone_hash, at) values (?, ?)").params(key, Timestamp.from(now)).update();
    }

    private void limitAddress(String address, Instant now) {
        Window w = window("select count(*), min(created_at), max(created_at) from sms_code where address = ? and created_at > ?",
                address, Timestamp.from(now.minus(HOUR)));
        if (w.count() >= perAddressHour) {
            throw new TooManyRequests("sms-code-rate-limited", "too many codes from this address in the last hour",
                    Duration.between(now, w.oldest().plus(HOUR)));
        }
    }

    private record Window(long count, Instant oldest, Instant newest) {
    }

    private Window window(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query((rs, n) -> new Window(rs.getLong(1),
                rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())).single();
    }

    /** Serializes issues of one key across nodes until the transaction ends (per tenant schema). */
    private void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':' || ?))").param(key).query((rs, n) -> 1).single();
    }

    private static ApiException invalid(String phone, String purpose, String detail) {
        log.info("SMS code for {} purpose {} refused: {}", mask(phone), purpose, detail);
        return new ApiException(HttpStatus.BAD_REQUEST, "sms-code-invalid", detail);
    }

    private static ApiException locked(String phone, String purpose) {
        log.info("SMS code for {} purpose {} locked after {} wrong tries", mask(phone), purpose, MAX_ATTEMPTS);
        return new ApiException(HttpStatus.BAD_REQUEST, "sms-code-locked", "too many wrong tries; ask for a new code");
    }

    private static void requireMobile(String phone) {
        if (!MobileNumbers.mainland(phone)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("phone",
                    "must be a mainland China mobile number: 11 digits starting 13 to 19", "mobile")));
        }
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1 to 32 lower-case letters, digits or '-' (a plugin's: <pluginId>.<purpose>)");
        }
    }

    private static String hash(String salt, String code) {
        return Hashes.sha256Hex(salt + code);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
