package cn.huren.server.session;

import cn.huren.server.party.PartyKind;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.Purges;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bearer sessions opened by certificate login, kept (hashed) in the tenant's schema: a token is
 * looked up only in the schema of the tenant the request is for, so it works there and nowhere else.
 */
@Component
public class PartySessions {

    /** Longer than a challenge lives and may be handed off (a TOKEN challenge's single use is its session's row). */
    static final Duration MIN_RETENTION = Duration.ofMinutes(10);
    static final Duration MIN_LOG_RETENTION = Duration.ofDays(180);

    /** The ledger's name for whatever a party does with one of its certificates (a certificate's log finds it by this). */
    public static String certificateActor(Long partyId, String serial) {
        return "party:" + partyId + "/cert:" + serial;
    }

    /** Who a session speaks for: the certificate holder, and the party once registered. */
    public record PartyPrincipal(String tokenHash, PartyKind holderKind, String holderIdentifier, String holderName, Long partyId,
                                 String certificateFingerprint, String certificateSerial, String medium, String mediumId,
                                 String loginMethod, Long accountId) {

        public String actor() {
            if (certificateSerial != null) {
                return certificateActor(partyId, certificateSerial);
            }
            return accountId != null ? "account:" + accountId + "/" + loginMethod : "party:" + partyId + "/" + loginMethod;
        }

        /** How this session was opened; what it may do follows from this and the tenant's login policy. */
        public Authentication authentication() {
            if (certificateFingerprint != null) {
                return Authentication.CERTIFICATE;
            }
            if (accountId != null) {
                return Authentication.SMS_CODE.method().equals(loginMethod) ? Authentication.SMS_CODE : Authentication.PASSWORD;
            }
            return Authentication.IDENTITY_PROVIDER;
        }

        /** Signed in by an identity provider (苏服办), not by a certificate nor an account: the person is the party itself. */
        public boolean identitySession() {
            return authentication() == Authentication.IDENTITY_PROVIDER && partyId != null;
        }

        /** Signed in to a person's account (mobile number and password or SMS code). */
        public boolean accountSession() {
            return accountId != null;
        }

        /** Short and without the token hash: this is what logs and Spring Security show as the name. */
        @Override
        public String toString() {
            return actor();
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;
    private final Duration logRetention;

    PartySessions(TenantData data, PlatformTransactionManager transactions, Clock clock,
                  @Value("${huren.login.session-retention:P1D}") Duration retention,
                  @Value("${huren.login.log-retention:P365D}") Duration logRetention) {
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("huren.login.session-retention must be at least " + MIN_RETENTION
                    + ": a USB-key challenge's single use rests on its session's row");
        }
        if (logRetention.compareTo(MIN_LOG_RETENTION) < 0) {
            throw new IllegalArgumentException("huren.login.log-retention must be at least " + MIN_LOG_RETENTION
                    + ": network logs are kept at least six months (网络安全法 第二十一条)");
        }
        this.logRetention = logRetention;
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.retention = retention;
    }

    public Optional<PartyPrincipal> authenticate(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return authenticateHash(Hashes.sha256Hex(token));
    }

    /**
     * A session, and the party it speaks for: an account's session speaks for its account's person only
     * while the account is ACTIVE and real-name verified and that party is a NATURAL_PERSON (never an
     * enterprise, whatever the session row says), read in the same statement.
     */
    private static final String SESSION = """
            select s.*, case when s.account_id is null then s.party_id else (
                select a.party_id from account a join party p on p.id = a.party_id
                where a.id = s.account_id and a.status = 'ACTIVE' and a.real_name_verified_at is not null and p.kind = 'NATURAL_PERSON'
              ) end as acting_party_id
            from party_session s where s.token_hash = ? and s.expires_at > ?""";

    /** A browser keeps only the hash in its cookie session; every request re-reads the row, so logout and expiry bite at once. */
    public Optional<PartyPrincipal> authenticateHash(String hash) {
        return tx.execute(s -> jdbc.sql(SESSION).params(hash, Timestamp.from(clock.instant()))
                .query((rs, n) -> new PartyPrincipal(hash, PartyKind.valueOf(rs.getString("holder_kind")), rs.getString("holder_identifier"),
                        rs.getString("holder_name"), (Long) rs.getObject("acting_party_id"), rs.getString("certificate_fingerprint"),
                        rs.getString("certificate_serial"), rs.getString("medium"), rs.getString("medium_id"),
                        rs.getString("login_method"), (Long) rs.getObject("account_id")))
                .optional());
    }

    /**
     * Deletes (up to one batch of) the tenant's sessions that ended or expired more than the retention
     * (huren.login.session-retention, a day by default) ago: nothing but login reads a session, the
     * login log keeps the history. Called now and then by whoever opens sessions ({@link Purges}).
     */
    public int purgeEnded() {
        Instant before = clock.instant().minus(retention).truncatedTo(ChronoUnit.MILLIS);
        int sessions = Purges.expired(jdbc, "party_session", "expires_at < timestamptz '" + before + "'");
        return sessions + purgeLoginLog();
    }

    /**
     * The login log (every login and refusal, of certificates and accounts alike) past its retention
     * (huren.login.log-retention, a year by default, at least six months); one batch, with the sessions'.
     */
    int purgeLoginLog() {
        Instant before = clock.instant().minus(logRetention).truncatedTo(ChronoUnit.MILLIS);
        return Purges.expired(jdbc, "login_log", "at < timestamptz '" + before + "'");
    }

    /** Logout: the session ends for every client holding it. */
    public void end(String tokenHash) {
        Timestamp now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(s -> jdbc.sql("update party_session set expires_at = ? where token_hash = ? and expires_at > ?")
                .params(now, tokenHash, now).update());
    }

    /** The certificate the session logged in with (DER): kept with the session until it is bound, then read from its binding. */
    public byte[] certificate(String tokenHash) {
        return tx.execute(s -> jdbc.sql("select coalesce(s.certificate, (select b.certificate from certificate_binding b "
                        + "where b.party_id = s.party_id and b.fingerprint = s.certificate_fingerprint order by b.id desc limit 1)) "
                        + "from party_session s where s.token_hash = ?").param(tokenHash)
                .query((rs, n) -> rs.getBytes(1)).single());
    }

    /** After registration the session speaks for the new party. */
    public void attachParty(String tokenHash, long partyId) {
        tx.executeWithoutResult(s -> jdbc.sql("update party_session set party_id = ? where token_hash = ?").params(partyId, tokenHash).update());
    }
}
