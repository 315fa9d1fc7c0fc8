package cn.huren.server.login;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.party.PartyKind;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Opens the sessions of verified answers in groups (group commit): while one statement of a tenant
 * runs, the answers arriving meanwhile queue, and the next of them to get its turn writes all that
 * queued in one statement and one commit. Alone, an answer waits for nobody. Each answer's claim of
 * its challenge, its session and its login-log line are written together or not at all; a
 * challenge claimed already (or twice in one group) comes back empty. A group that fails is
 * written again one answer at a time, so that one bad answer fails only itself.
 */
@Component
class SessionOpenings {

    /**
     * A session opened: the holder's party if registered, and what comes next (null, ACTIVATE or
     * REGISTER); or, {@code refused} DISABLED or VOIDED, none: the certificate's binding is disabled
     * (APP-29), or its latest binding was voided and not re-admitted (JS-81); its challenge is not
     * claimed and the caller refuses the answer.
     */
    record Opened(Long partyId, String next, String refused) {
    }

    /** A verified answer waiting to be written. */
    record Answer(UUID challengeId, String nonce, ChallengeSeals.Sealed challenge, VerifiedCertificate certificate, String tokenHash,
                  byte[] der, String mediumId, Instant sessionExpires) {
    }

    /** At most this many answers share a statement. */
    static final int MAX_GROUP = 128;

    private static final class Waiting {
        final Answer answer;
        volatile boolean done;
        Optional<Opened> opened = Optional.empty();
        RuntimeException failure;

        Waiting(Answer answer) {
            this.answer = answer;
        }
    }

    private final DataSource dataSource;
    private final Map<String, ConcurrentLinkedQueue<Waiting>> queues = new ConcurrentHashMap<>();

    SessionOpenings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims the challenge, opens the session and logs it; empty when the challenge was claimed already. */
    Optional<Opened> open(Answer answer) {
        String schema = TenantContext.require().schema();
        ConcurrentLinkedQueue<Waiting> queue = queues.computeIfAbsent(schema, s -> new ConcurrentLinkedQueue<>());
        Waiting mine = new Waiting(answer);
        queue.add(mine);
        synchronized (queue) { // one statement per tenant at a time; whoever holds the turn writes everything queued
            if (!mine.done) {
                List<Waiting> group = new ArrayList<>();
                for (Waiting w; group.size() < MAX_GROUP && (w = queue.poll()) != null; ) {
                    group.add(w);
                }
                write(schema, group);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        if (!mine.done) {
            throw new IllegalStateException("the session was not written: the group it was in failed");
        }
        return mine.opened;
    }

    private void write(String schema, List<Waiting> group) {
        try {
            Map<UUID, Opened> opened = insert(schema, group);
            Set<UUID> taken = new HashSet<>();
            for (Waiting w : group) {
                w.opened = taken.add(w.answer.challengeId()) ? Optional.ofNullable(opened.get(w.answer.challengeId())) : Optional.empty();
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
            } else {
                for (Waiting w : group) {
                    write(schema, List.of(w));
                }
                return;
            }
        }
        group.forEach(w -> w.done = true);
    }

    private Map<UUID, Opened> insert(String schema, List<Waiting> group) {
        List<Answer> answers = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (Waiting w : group) {
            if (seen.add(w.answer.challengeId())) { // a second answer to a challenge in one group finds it taken
                answers.add(w.answer);
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql(schema, answers.size()))) {
            int p = 1;
            for (Answer a : answers) {
                VerifiedCertificate c = a.certificate();
                statement.setObject(p++, a.challengeId());
                statement.setLong(p++, a.challenge().expiresAt().getEpochSecond());
                statement.setLong(p++, a.sessionExpires().getEpochSecond());
                statement.setBytes(p++, a.der());
                for (String text : new String[] {a.nonce(), a.challenge().mode().name(), c.holderKind().name(), c.holderIdentifier(),
                        TextInput.storable(c.holderName() == null ? c.holderIdentifier() : c.holderName(), 200), c.fingerprint(), c.serialNumber(),
                        TextInput.storable(c.subject(), 1000), TextInput.storable(c.issuer(), 1000), a.tokenHash(), a.mediumId()}) {
                    statement.setString(p++, text);
                }
            }
            Map<UUID, Opened> opened = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    opened.put(rs.getObject(1, UUID.class), new Opened((Long) rs.getObject(2), rs.getString(3), rs.getString(4)));
                }
            }
            return opened;
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the sessions of " + answers.size() + " login(s): " + e.getMessage(), e);
        }
    }

    /**
     * One statement for the group: find each holder's party and this certificate's latest binding in it:
     * BOUND (ACTIVE, as {@link CertificateBindings#isBound}), DISABLED (APP-29), VOIDED and not re-admitted
     * (JS-81), or none; claim each challenge but a refused (disabled or voided) certificate's, decide what
     * comes next, open the sessions, log them; a refused certificate's answer comes back marked. A MOBILE challenge is claimed in its row (first
     * row, or PENDING/SCANNED → AUTHENTICATED), which the page that shows its QR code polls. A TOKEN
     * challenge gets no row: nobody polls it, and its single use is the session's unique challenge id
     * (a session's row is kept at least 10 minutes after it ends, far beyond its challenge's 120 s:
     * PartySessions#purgeEnded), unless an earlier
     * refused answer left a FAILED row.
     */
    private static String sql(String s, int answers) {
        String row = "(?::uuid, ?::int8, ?::int8, ?::bytea, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        return "with input as (select * from (values " + String.join(", ", java.util.Collections.nCopies(answers, row)) + ") as i(challenge_id, "
                + "expires, session_expires, der, nonce, mode, kind, identifier, name, fingerprint, serial, subject, issuer, token_hash, medium_id)), "
                + "holder as (select i.*, case when i.kind = '" + PartyKind.ENTERPRISE.name() + "' "
                + "then (select p.id from " + s + ".party p where p.uscc = i.identifier) "
                + "else (select p.id from " + s + ".party p where p.resident_id = i.identifier) end as party_id from input i), "
                + "latest as (select h.*, (select case when b.status = 'ACTIVE' and b.disabled_at is not null then 'DISABLED' "
                + "when b.status = 'ACTIVE' then 'BOUND' when b.status = 'VOIDED' and b.readmitted_at is null then 'VOIDED' end "
                + "from " + s + ".certificate_binding b where b.party_id = h.party_id and b.fingerprint = h.fingerprint "
                + "order by b.id desc limit 1) as binding from holder h), "
                + "bound as (select l.*, case when l.binding in ('DISABLED', 'VOIDED') then l.binding end as refused from latest l), "
                + "claimed as (insert into " + s + ".login_challenge as c (id, nonce, mode, state, expires_at, created_at) "
                + "select challenge_id, nonce, mode, 'AUTHENTICATED', to_timestamp(expires), now() from bound where refused is null "
                + "and mode = 'MOBILE' on conflict (id) do update set state = 'AUTHENTICATED' where c.state in ('PENDING', 'SCANNED') returning id), "
                + "answer as (select b.*, case when b.party_id is null then 'REGISTER' when b.binding is distinct from 'BOUND' then 'ACTIVATE' "
                + "end as next from bound b where b.refused is null and (b.challenge_id in (select id from claimed) or b.mode = 'TOKEN' "
                + "and not exists (select 1 from " + s + ".login_challenge c where c.id = b.challenge_id))), "
                + "opened as (insert into " + s + ".party_session (token_hash, holder_kind, holder_identifier, holder_name, party_id, "
                + "certificate_fingerprint, certificate_serial, certificate, expires_at, created_at, challenge_id, medium, medium_id) "
                // a bound certificate is in its binding already: only sessions that will register or activate keep it
                + "select token_hash, kind, identifier, name, party_id, fingerprint, serial, case when next is null then null else der end, "
                + "to_timestamp(session_expires), now(), "
                + "challenge_id, mode, medium_id from answer on conflict (challenge_id) do nothing returning challenge_id), "
                + "logged as (insert into " + s + ".login_log (at, challenge_id, serial, subject, issuer, outcome, reason) "
                + "select now(), a.challenge_id, serial, subject, issuer, 'SUCCESS', next from answer a join opened o on o.challenge_id = a.challenge_id) "
                + "select a.challenge_id, party_id, next, null::text from answer a join opened o on o.challenge_id = a.challenge_id "
                + "union all select challenge_id, party_id, null, refused from bound where refused is not null";
    }
}
