package cn.huren.server.login;

import cn.huren.server.support.ClientAddress;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.support.TokenBuckets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits of party logins (huren.login.rate-limit.*), one token bucket per key: per client
 * address, charged before any work by every answer to a challenge, every scan of a QR challenge and
 * every identity-provider sign-in; per holder (a certificate of a tenant, or an identity-provider
 * person), charged once the answer's signature verified, so that nobody can spend a holder's
 * allowance with the holder's (public) certificate. Over a limit: 429 with Retry-After, and nothing
 * is written. Per node, in memory (see docs/login-limits.md): N nodes let at most N times the limit
 * through ({@link TokenBuckets}); the table behind them stays bounded all the same.
 */
@Component
public class LoginLimits {

    /** {@code logins} at once, refilled at {@code logins} per {@code per}. */
    record Rate(int logins, Duration per) {

        Rate {
            if (logins < 1 || per.isNegative() || per.isZero() || per.compareTo(IDLE) > 0) {
                throw new IllegalArgumentException("huren.login.rate-limit: logins must be at least 1 and per positive, at most a day");
            }
        }
    }

    /** A bucket idle this long is forgotten (full again): no rate may take longer to refill. */
    static final Duration IDLE = Duration.ofDays(1);

    private final TokenBuckets buckets;
    private volatile Rate perHolder;
    private volatile Rate perAddress;

    LoginLimits(Clock clock,
                @Value("${huren.login.rate-limit.per-certificate.logins:10}") int holderLogins,
                @Value("${huren.login.rate-limit.per-certificate.per:PT1M}") Duration holderPer,
                @Value("${huren.login.rate-limit.per-address.logins:300}") int addressLogins,
                @Value("${huren.login.rate-limit.per-address.per:PT1M}") Duration addressPer) {
        this.buckets = new TokenBuckets(clock, 500_000, IDLE);
        this.perHolder = new Rate(holderLogins, holderPer);
        this.perAddress = new Rate(addressLogins, addressPer);
    }

    /**
     * An answer, scan or sign-in from {@code address} (null when unknown: not limited by address),
     * keyed by {@link ClientAddress#key}: an IPv6 client by its /64.
     */
    public void address(String address) {
        String key = ClientAddress.key(address);
        if (key != null) {
            take("address:" + key, perAddress, "login-rate-limited",
                    "too many logins from this address; try again in a moment (Retry-After)");
        }
    }

    /** A verified answer of the certificate {@code fingerprint} in this tenant. */
    void certificate(String tenant, String fingerprint) {
        take("certificate:" + tenant + ":" + fingerprint, perHolder, "login-rate-limited",
                "too many logins with this certificate; try again in a moment (Retry-After)");
    }

    /**
     * A sign-in of a person an identity provider verified, keyed by the identity (its resident ID
     * number, hashed: no ID number is held in memory), so that it is charged before the person's party
     * is looked up or registered.
     */
    void person(String tenant, String residentId) {
        take("person:" + tenant + ":" + Hashes.sha256Hex(residentId), perHolder, "login-rate-limited",
                "too many logins of this person; try again in a moment (Retry-After)");
    }

    /**
     * A password or SMS-code login of a person's account (module {@code account}), keyed by the mobile number
     * (hashed), charged before the password or code is checked: one number's allowance is a holder's.
     */
    public void account(String tenant, String mobile) {
        take("account:" + tenant + ":" + Hashes.sha256Hex(mobile), perHolder, "login-rate-limited",
                "too many logins of this number; try again in a moment (Retry-After)");
    }

    /** Tests set the limits they test (and put the configured ones back); every bucket starts full again. */
    void limit(Rate perHolder, Rate perAddress) {
        this.perHolder = perHolder;
        this.perAddress = perAddress;
        buckets.clear();
    }

    Rate perHolder() {
        return perHolder;
    }

    Rate perAddress() {
        return perAddress;
    }

    private void take(String key, Rate rate, String kind, String detail) {
        Duration wait = buckets.take(key, rate.logins(), rate.logins() / (rate.per().toMillis() / 1000.0));
        if (!wait.isZero()) {
            throw new TooManyRequests(kind, detail, wait);
        }
    }
}
