package cn.huren.server.login;

import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.party.PartyKind;
import cn.huren.server.tenancy.TenantContext;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows a certificate login writes, one statement per step and no transaction around them: the
 * challenge, its claim, and the answer — session, login log and challenge state in one statement,
 * or the refusal with its log row in one. Each statement names the tenant's schema rather than
 * switching the connection to it, so a login costs three autocommitted round trips instead of
 * several transactions, each with two schema switches (measured: 5.2 commits per login before).
 */
@Component
class LoginRecords {

    /** A claimed challenge: what the answer is checked against. */
    record Claimed(String nonce, Instant expiresAt, CertificateLogin.Mode mode) {
    }

    /** A session opened: the holder's party if registered, and what comes next (null, ACTIVATE or REGISTER). */
    record Opened(Long partyId, String next) {
    }

    private final JdbcClient jdbc;

    LoginRecords(DataSource dataSource) {
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
    }

    void challenge(UUID id, String nonce, CertificateLogin.Mode mode, Instant expires) {
        jdbc.sql("insert into " + schema() + ".login_challenge (id, nonce, mode, state, expires_at, created_at) values (?, ?, ?, 'PENDING', ?, now())")
                .params(id, nonce, mode.name(), Timestamp.from(expires)).update();
    }

    /** Takes a PENDING or SCANNED challenge (committed at once: single use, whatever the answer turns out to be). */
    Optional<Claimed> claim(UUID id) {
        return jdbc.sql("update " + schema() + ".login_challenge set state = 'ANSWERED' where id = ? and state in ('PENDING', 'SCANNED') "
                        + "returning nonce, expires_at, mode").param(id)
                .query((rs, n) -> new Claimed(rs.getString(1), rs.getTimestamp(2).toInstant(), CertificateLogin.Mode.valueOf(rs.getString(3))))
                .optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from " + schema() + ".login_challenge where id = ?").param(id).query(Long.class).single() > 0;
    }

    /**
     * Opens the session of a verified answer, logs it and marks the challenge AUTHENTICATED, in one
     * statement. Bound means an ACTIVE binding of this certificate to the party, as {@link CertificateBindings#isBound}.
     */
    Opened open(UUID challengeId, VerifiedCertificate certificate, String tokenHash, byte[] der, CertificateLogin.Mode mode,
                String mediumId, Instant sessionExpires) {
        String s = schema();
        String column = certificate.holderKind() == PartyKind.ENTERPRISE ? "uscc" : "resident_id";
        return jdbc.sql("with holder as (select (select id from " + s + ".party where " + column + " = ?) as party_id), "
                        + "answer as (select party_id, case when party_id is null then 'REGISTER' when exists (select 1 from " + s
                        + ".certificate_binding b where b.party_id = holder.party_id and b.fingerprint = ? and b.status = 'ACTIVE') "
                        + "then null else 'ACTIVATE' end as next from holder), "
                        + "opened as (insert into " + s + ".party_session (token_hash, holder_kind, holder_identifier, holder_name, party_id, "
                        + "certificate_fingerprint, certificate_serial, certificate, expires_at, created_at, challenge_id, medium, medium_id) "
                        + "select ?, ?, ?, ?, party_id, ?, ?, ?, ?, now(), ?, ?, ? from answer), "
                        + "logged as (insert into " + s + ".login_log (at, challenge_id, serial, subject, issuer, outcome, reason) "
                        + "select now(), ?, ?, ?, ?, 'SUCCESS', next from answer), "
                        + "authenticated as (update " + s + ".login_challenge set state = 'AUTHENTICATED' where id = ?) "
                        + "select party_id, next from answer")
                .params(certificate.holderIdentifier(), certificate.fingerprint(),
                        tokenHash, certificate.holderKind().name(), certificate.holderIdentifier(),
                        certificate.holderName() == null ? certificate.holderIdentifier() : certificate.holderName(),
                        certificate.fingerprint(), certificate.serialNumber(), der, Timestamp.from(sessionExpires), challengeId,
                        mode.name(), new SqlParameterValue(Types.VARCHAR, mediumId),
                        challengeId, certificate.serialNumber(), clip(certificate.subject(), 1000), clip(certificate.issuer(), 1000),
                        challengeId)
                .query((rs, n) -> new Opened((Long) rs.getObject(1), rs.getString(2))).single();
    }

    /** Logs a refused answer; {@code failed} also marks its (claimed) challenge FAILED, in the same statement. */
    void refuse(UUID challengeId, String reason, boolean failed) {
        String log = "insert into " + schema() + ".login_log (at, challenge_id, outcome, reason) values (now(), ?, 'REFUSED', ?)";
        if (failed) {
            jdbc.sql("with refused as (" + log + ") update " + schema() + ".login_challenge set state = 'FAILED' where id = ?")
                    .params(challengeId, clip(reason, 500), challengeId).update();
        } else {
            jdbc.sql(log).params(challengeId, clip(reason, 500)).update();
        }
    }

    /** The current tenant's schema: a validated code, safe to name in SQL. */
    private static String schema() {
        return TenantContext.require().schema();
    }

    static String clip(String text, int max) {
        return text == null ? null : text.substring(0, Math.min(max, text.length()));
    }
}
