package cn.huren.server;

import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test fixture: an account and a session of it (login method {@code sms}), written straight into the tenant's tables,
 * for tests of what an account session may do before the registration flow exists. The token is the Bearer token.
 */
public final class AccountSessionFixture {

    /** An account and one live session of it. */
    public record Opened(long accountId, String token, String mobile) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantDirectory tenants;
    private final TenantData data;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccountSessionFixture(TenantDirectory tenants, TenantData data, PlatformTransactionManager transactions, Clock clock) {
        this.tenants = tenants;
        this.data = data;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** A new active account with a random mobile number, signed in by SMS code for an hour. */
    public Opened open(String tenant) {
        String mobile = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
        long account = tenants.callAs(tenant, () -> tx.execute(s -> data.jdbc().sql(
                        "insert into account (mobile, status, created_at, updated_at) values (?, 'ACTIVE', ?, ?) returning id")
                .params(mobile, Timestamp.from(clock.instant()), Timestamp.from(clock.instant())).query(Long.class).single()));
        return new Opened(account, session(tenant, account), mobile);
    }

    /** Another live session of the account. */
    public String session(String tenant, long account) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tenants.callAs(tenant, () -> tx.execute(s -> data.jdbc().sql("insert into party_session (token_hash, holder_kind, login_method, "
                        + "account_id, expires_at, created_at) values (?, 'NATURAL_PERSON', 'sms', ?, ?, ?)")
                .params(Hashes.sha256Hex(token), account, Timestamp.from(clock.instant().plus(Duration.ofHours(1))),
                        Timestamp.from(clock.instant())).update()));
        return token;
    }
}
