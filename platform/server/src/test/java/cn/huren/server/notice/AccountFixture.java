package cn.huren.server.notice;

import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accounts and their bearer sessions written straight into a tenant's schema (account, party_session with
 * account_id and login_method 'sms'), for tests that need an account session without the registration flow.
 */
public final class AccountFixture {

    /** An account, its optional NATURAL_PERSON party and a bearer token of a session of it. */
    public record Account(long id, Long partyId, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final TenantDirectory tenants;
    private final TenantData data;
    private final Clock clock;

    public AccountFixture(TenantDirectory tenants, TenantData data, Clock clock) {
        this.tenants = tenants;
        this.data = data;
        this.clock = clock;
    }

    /** An account with a party of its own (a real-name verified person), and a session. */
    public Account withParty(String tenant, String name) {
        return tenants.callAs(tenant, () -> {
            int n = NUMBERS.incrementAndGet();
            long party = data.jdbc().sql("""
                            insert into party (kind, resident_id, name, roles, basic_info, registered_via, created_at, updated_at)
                            values ('NATURAL_PERSON', ?, ?, '', '{}', 'test', ?, ?) returning id""")
                    .params("T" + String.format("%017d", System.nanoTime() % 1_000_000_000_000L * 100 + n % 100), name, now(), now())
                    .query(Long.class).single();
            return session(insertAccount(n, party), party);
        });
    }

    /** An account without a party (not real-name verified yet), and a session. */
    public Account withoutParty(String tenant) {
        return tenants.callAs(tenant, () -> session(insertAccount(NUMBERS.incrementAndGet(), null), null));
    }

    private long insertAccount(int n, Long party) {
        String mobile = "139" + String.format("%08d", (System.nanoTime() / 1000 + n) % 100_000_000);
        return data.jdbc().sql("""
                        insert into account (mobile, party_id, status, created_at, updated_at)
                        values (?, ?, 'ACTIVE', ?, ?) returning id""")
                .params(mobile, party, now(), now()).query(Long.class).single();
    }

    private Account session(long account, Long party) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        data.jdbc().sql("""
                        insert into party_session (token_hash, holder_kind, party_id, expires_at, created_at, login_method, account_id)
                        values (?, 'NATURAL_PERSON', ?, ?, ?, 'sms', ?)""")
                .params(Hashes.sha256Hex(token), party, Timestamp.from(clock.instant().plus(Duration.ofHours(1))), now(), account)
                .update();
        return new Account(account, party, token);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
