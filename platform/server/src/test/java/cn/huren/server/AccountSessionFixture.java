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

    /** An account and one live session of it; {@code partyId} is the person's party once real-name verified, else null. */
    public record Opened(long accountId, String token, String mobile, Long partyId) {
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
        return new Opened(account, session(tenant, account), mobile, null);
    }

    /**
     * A new account already tied to a party of its own, as real-name verification leaves it (the party is written
     * straight into the table, with a synthetic number no real document has), and a session speaking for the party.
     */
    public Opened openVerified(String tenant, String name) {
        return openVerified(tenant, name, "T" + String.format("%017d", Math.floorMod(RANDOM.nextLong(), 100_000_000_000_000_000L)));
    }

    /** As {@link #openVerified(String, String)}, for a person with this resident ID number (e.g. one a CA must accept). */
    public Opened openVerified(String tenant, String name, String number) {
        String mobile = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
        long[] ids = tenants.callAs(tenant, () -> tx.execute(s -> {
            Timestamp now = Timestamp.from(clock.instant());
            long party = data.jdbc().sql("""
                            insert into party (kind, resident_id, document_type, name, roles, basic_info, registered_via, created_at, updated_at)
                            values ('NATURAL_PERSON', ?, 'RESIDENT_ID', ?, '', '{}', 'test', ?, ?) returning id""")
                    .params(number, name, now, now).query(Long.class).single();
            long account = data.jdbc().sql("""
                            insert into account (mobile, party_id, real_name_method, real_name_verified_at, status, created_at, updated_at)
                            values (?, ?, 'CFCA', ?, 'ACTIVE', ?, ?) returning id""")
                    .params(mobile, party, now, now, now).query(Long.class).single();
            return new long[] {account, party};
        }));
        String token = session(tenant, ids[0]);
        tenants.callAs(tenant, () -> tx.execute(s -> data.jdbc().sql("update party_session set party_id = ?, holder_identifier = ?, "
                + "holder_name = ? where account_id = ?").params(ids[1], number, name, ids[0]).update()));
        return new Opened(ids[0], token, mobile, ids[1]);
    }

    /**
     * A new account tied to an existing NATURAL_PERSON party (as real-name verification of that person leaves it:
     * the same party a personal certificate of the person reaches), and a session speaking for the party.
     */
    public Opened openFor(String tenant, long partyId) {
        String mobile = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
        Timestamp now = Timestamp.from(clock.instant());
        long account = tenants.callAs(tenant, () -> tx.execute(s -> data.jdbc().sql("""
                        insert into account (mobile, party_id, real_name_method, real_name_verified_at, status, created_at, updated_at)
                        values (?, ?, 'CFCA', ?, 'ACTIVE', ?, ?) returning id""")
                .params(mobile, partyId, now, now, now).query(Long.class).single()));
        String token = session(tenant, account);
        tenants.callAs(tenant, () -> tx.execute(s -> data.jdbc().sql("update party_session set party_id = ? where account_id = ?")
                .params(partyId, account).update()));
        return new Opened(account, token, mobile, partyId);
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
