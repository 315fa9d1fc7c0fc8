package cn.huren.server.session;

import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Test fixture: an account and a session of it, written by JDBC into a tenant's schema as the account
 * login does (a token whose SHA-256 hex is the session's key), without the registration and login flows.
 */
public final class AccountSessions {

    private final TenantData data;
    private final TenantDirectory tenants;

    public AccountSessions(TenantData data, TenantDirectory tenants) {
        this.data = data;
        this.tenants = tenants;
    }

    /** An ACTIVE account of {@code mobile}; real-name verified as {@code personParty} unless that is null. */
    public long account(String tenant, String mobile, Long personParty) {
        return TenantContext.callAs(tenants.byCode(tenant).orElseThrow(), () -> data.jdbc().sql("""
                        insert into account (mobile, password_hash, real_name_method, real_name_verified_at, party_id, status, created_at, updated_at)
                        values (?, '{noop}x', ?, ?, ?, 'ACTIVE', now(), now()) returning id""")
                .params(mobile, personParty == null ? null : "CFCA", personParty == null ? null : Timestamp.from(Instant.now()), personParty)
                .query(Long.class).single());
    }

    /**
     * A session of the account opened by {@code method} ({@code password} or {@code sms}); its row names
     * {@code sessionParty} (null: none), whatever the account says. Returns the bearer token.
     */
    public String session(String tenant, long accountId, String method, Long sessionParty) {
        String token = "acct-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        TenantContext.runAs(tenants.byCode(tenant).orElseThrow(), () -> data.jdbc().sql("""
                        insert into party_session (token_hash, holder_kind, holder_identifier, holder_name, party_id, expires_at, created_at,
                          login_method, account_id) values (?, 'NATURAL_PERSON', null, null, ?, ?, now(), ?, ?)""")
                .params(Hashes.sha256Hex(token), sessionParty, Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)), method, accountId)
                .update());
        return token;
    }
}
