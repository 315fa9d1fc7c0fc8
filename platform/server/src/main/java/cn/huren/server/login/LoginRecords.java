package cn.huren.server.login;

import cn.huren.server.support.Purges;
import cn.huren.server.support.TextInput;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows a certificate login writes, each step one autocommitted statement on the tenant's data
 * ({@link TenantData}, no transaction): a challenge gets its row only when scanned or answered
 * ({@link ChallengeSeals}); an accepted answer claims the challenge, opens the session and logs it
 * in one statement ({@link SessionOpenings}; a TOKEN answer's claim is its session); a refusal
 * logs and marks the challenge FAILED in one.
 */
@Component
class LoginRecords {

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginRecords(TenantData data, Clock clock) {
        this.clock = clock;
        this.jdbc = data.jdbc();
    }

    /** The challenge's row; without one, AUTHENTICATED when a TOKEN answer opened a session ({@link SessionOpenings}). */
    Optional<String> state(UUID id) {
        return jdbc.sql("select coalesce((select state from login_challenge where id = ?), "
                + "(select 'AUTHENTICATED' from party_session where challenge_id = ?))").params(id, id).query(String.class).optional();
    }

    /** Marks a challenge SCANNED; false once it was answered (a second scan of a scanned one is fine). */
    boolean scan(UUID id, String nonce, ChallengeSeals.Sealed sealed) {
        return jdbc.sql(upsert("SCANNED", "'SCANNED'", "not exists") + " returning id")
                .params(id, nonce, sealed.mode().name(), Timestamp.from(sealed.expiresAt()), id).query(UUID.class).optional().isPresent();
    }

    /**
     * The browser's takeover of an answered challenge's session, once: its row moves from
     * AUTHENTICATED to SIGNED_IN, or a TOKEN answer's (which has none) gets one in SIGNED_IN.
     */
    Optional<String> handOff(UUID id, String nonce, ChallengeSeals.Sealed sealed) {
        return jdbc.sql("with taken as (" + upsert("SIGNED_IN", "'AUTHENTICATED'", "exists") + " returning id) "
                        + "select token_hash from party_session where challenge_id = (select id from taken)")
                .params(id, nonce, sealed.mode().name(), Timestamp.from(sealed.expiresAt()), id).query(String.class).optional();
    }

    /**
     * Logs a refused answer and, for a genuine challenge ({@code challenge} given), marks it FAILED
     * unless it was answered already, in the same statement: single use whatever the answer was.
     * {@code presented}: the certificate's serial and issuer when it could be read, so that the
     * certificate's usage log finds the refusal (APP-33).
     */
    void refuse(UUID challengeId, String nonce, ChallengeSeals.Sealed challenge, String reason, CertificateVerifier.Presented presented) {
        String log = "insert into login_log (at, challenge_id, serial, issuer, outcome, reason) values (now(), ?, ?, ?, 'REFUSED', ?)";
        String serial = presented == null ? null : presented.serial();
        String issuer = presented == null ? null : TextInput.storable(presented.issuer(), 1000);
        if (challenge == null) {
            jdbc.sql(log).params(challengeId, serial, issuer, TextInput.storable(reason, 500)).update();
            return;
        }
        jdbc.sql("with refused as (" + log + ") " + upsert("FAILED", "'PENDING', 'SCANNED'", "not exists"))
                .params(challengeId, serial, issuer, TextInput.storable(reason, 500), challengeId, nonce, challenge.mode().name(),
                        Timestamp.from(challenge.expiresAt()), challengeId).update();
    }

    /**
     * Deletes rows of challenges expired over ten minutes ago (their ids are refused as expired by
     * their seal anyway; the login log keeps the history), at most 10,000 at a time.
     */
    int purgeExpired() {
        Instant before = clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        return Purges.expired(jdbc, "login_challenge", "expires_at < timestamptz '" + before + "'");
    }

    /**
     * Writes a challenge's first row in {@code state}, or moves an existing row there from one of
     * {@code from}. A first row needs a session opened by the challenge ({@code exists}) or none
     * ({@code not exists}): a TOKEN challenge answered has a session but no row.
     */
    private static String upsert(String state, String from, String session) {
        return "insert into login_challenge as c (id, nonce, mode, state, expires_at, created_at) select ?, ?, ?, '" + state
                + "', ?, now() where " + session + " (select 1 from party_session where challenge_id = ?) "
                + "on conflict (id) do update set state = '" + state + "' where c.state in (" + from + ")";
    }
}
