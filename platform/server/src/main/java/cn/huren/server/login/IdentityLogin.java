package cn.huren.server.login;

import cn.huren.server.session.PartySessions;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.Purges;
import cn.huren.server.support.Tokens;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login through an identity provider (苏服办): no challenge and no certificate, the provider verified
 * the person. It opens a party session as a certificate login does, under the same rate limits.
 */
@Component
public class IdentityLogin {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final LoginLimits limits;
    private final PartySessions sessions;
    private final Clock clock;

    IdentityLogin(TenantData data, PlatformTransactionManager transactions, LoginLimits limits, PartySessions sessions, Clock clock) {
        this.jdbc = data.jdbc();
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.limits = limits;
        this.sessions = sessions;
    }

    /** The party of a person an identity provider verified, as {@link #openIdentity}'s caller registered or found it. */
    public record IdentityParty(long partyId, String name) {
    }

    /**
     * JS-10, JS-13: a session for a person an identity provider verified ({@code loginMethod}, e.g.
     * sufuban); it has no certificate. Returns the token hash for the browser's cookie session. Rate
     * limited ({@link LoginLimits}) by the browser's {@code address} and by the person's identity
     * FIRST: over a limit it throws 429 before {@code party} runs, so nothing is written (no party
     * registered, no phone suggested); then {@code party} registers or finds the person's party.
     */
    public String openIdentity(String residentId, String loginMethod, String address, Supplier<IdentityParty> party) {
        limits.address(address);
        limits.person(TenantContext.require().code(), residentId);
        IdentityParty person = party.get();
        long partyId = person.partyId();
        String name = person.name();
        if (Purges.due()) {
            sessions.purgeEnded();
        }
        String hash = Hashes.sha256Hex(Tokens.random());
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into party_session (token_hash, holder_kind, holder_identifier, holder_name, party_id, expires_at, created_at,
                      login_method) values (?, 'NATURAL_PERSON', ?, ?, ?, ?, now(), ?)""")
                    .params(hash, residentId, name, partyId, Timestamp.from(clock.instant().plus(CertificateLogin.SESSION_TTL)), loginMethod)
                    .update();
            jdbc.sql("insert into login_log (at, subject, outcome, reason) values (now(), ?, 'SUCCESS', ?)")
                    .params("party:" + partyId, "login method " + loginMethod).update();
        });
        return hash;
    }
}
