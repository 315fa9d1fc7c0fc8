package cn.huren.server.join;

import cn.huren.server.account.PersonAccounts;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.SecretBox;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * APP-21, APP-68: the enterprise's join link (and so its QR code). The token is 128 random bits naming the enterprise;
 * it is found by its SHA-256 and kept sealed (SecretBox) so that the ADMIN and staff can show it again. The ADMIN
 * rotates it: the old token is refused at once (410 {@code join-link-retired}), an unknown one is 404.
 */
@Service
public class JoinLinks {

    /** The link as members share it: the token and the portal path of the join page (prefix it with the portal's origin). */
    public record JoinLink(long enterpriseId, String token, String path, Instant createdAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final SecretBox secrets;
    private final ChangeLedger ledger;
    private final Clock clock;

    JoinLinks(TenantData data, Memberships memberships, SecretBox secrets, ChangeLedger ledger, Clock clock) {
        this.jdbc = data.jdbc();
        this.memberships = memberships;
        this.secrets = secrets;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The enterprise's current link, made on first use; any member may share it. */
    @Transactional
    public JoinLink current(PartyAccess me, long enterpriseId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        memberships.lock(enterpriseId);
        return jdbc.sql("select token_sealed, created_at from join_link where enterprise_id = ? and retired_at is null")
                .param(enterpriseId)
                .query((rs, n) -> link(enterpriseId, secrets.open(rs.getString(1), context(enterpriseId)), rs.getTimestamp(2).toInstant()))
                .optional().orElseGet(() -> make(enterpriseId, PersonAccounts.actor(m.accountId()), "CREATED"));
    }

    /** The ADMIN replaces the link: the old token (and every QR code showing it) stops working. */
    @Transactional
    public JoinLink rotate(PartyAccess me, long enterpriseId) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        memberships.lock(enterpriseId);
        jdbc.sql("update join_link set retired_at = ? where enterprise_id = ? and retired_at is null")
                .params(Timestamp.from(clock.instant()), enterpriseId).update();
        return make(enterpriseId, PersonAccounts.actor(admin.accountId()), "ROTATED");
    }

    /** The enterprise a token names; 404 {@code join-link-not-found} for an unknown token, 410 {@code join-link-retired} for a rotated one. */
    @Transactional(readOnly = true)
    public long resolve(String token) {
        if (token == null || token.length() > 100) {
            throw unknown();
        }
        return jdbc.sql("select enterprise_id, retired_at is not null from join_link where token_hash = ?").param(Hashes.sha256Hex(token.strip()))
                .query((rs, n) -> {
                    if (rs.getBoolean(2)) {
                        throw new ApiException(HttpStatus.GONE, "join-link-retired",
                                "this join link or QR code was replaced by the enterprise; ask a member for the new one");
                    }
                    return rs.getLong(1);
                }).optional().orElseThrow(JoinLinks::unknown);
    }

    private JoinLink make(long enterpriseId, String actor, String action) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        long id = jdbc.sql("insert into join_link (enterprise_id, token_hash, token_sealed, created_by, created_at) values (?, ?, ?, ?, ?) returning id")
                .params(enterpriseId, Hashes.sha256Hex(token), secrets.seal(token, context(enterpriseId)), actor, Timestamp.from(now))
                .query(Long.class).single();
        ledger.append(actor, "join_link", Long.toString(id), action, Map.of("enterpriseId", enterpriseId));
        return link(enterpriseId, token, now);
    }

    private static JoinLink link(long enterpriseId, String token, Instant createdAt) {
        return new JoinLink(enterpriseId, token, "/account/enterprises/join?token=" + token, createdAt);
    }

    private static String context(long enterpriseId) {
        return TenantContext.require().code() + ":join_link:" + enterpriseId;
    }

    private static ApiException unknown() {
        return ApiException.notFound("join-link-not-found", "no enterprise has this join link or QR code; check it or ask a member for a new one");
    }
}
