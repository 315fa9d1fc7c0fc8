package cn.huren.server.join;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * APP-68: a member invites a mainland mobile number (手动添加; picking from the phone's contacts fills the same number).
 * The answer is the same whether or not the number has an account: an ACTIVE verified account with the number gets a
 * notice with the accept link; anyone who later verifies an account with the number sees the invitation on their
 * enterprises page until it expires. Accepting an invitation of an ADMIN who may manage staff (APP-27) — still so when
 * accepted — makes the person STAFF at once (via INVITATION); accepting a staff member's invitation is a join request
 * for the ADMIN to approve.
 */
@Service
public class Invitations {

    /** How long an invitation can be accepted. */
    static final Duration VALID = Duration.ofDays(30);

    /** An invitation as the enterprise's members (添加记录) and the invited person see it; the number masked. */
    public record Invitation(long id, long enterpriseId, String enterpriseName, String maskedMobile, String invitedBy, boolean byAdmin,
                             String state, Instant createdAt, Instant expiresAt) {
    }

    /** What accepting made: a membership (ADMIN's invitation) or a join request waiting for the ADMIN. */
    public record Accepted(Invitation invitation, Membership membership, JoinRequest joinRequest) {
    }

    private static final String SELECT = """
            select i.id, i.enterprise_id, e.name, i.mobile, coalesce(p.name, ''), i.by_admin, i.state, i.created_at, i.expires_at
            from join_invitation i join party e on e.id = i.enterprise_id join account a on a.id = i.invited_by
            left join party p on p.id = a.party_id""";

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final JoinRequests requests;
    private final Notices notices;
    private final ChangeLedger ledger;
    private final Clock clock;

    Invitations(TenantData data, Memberships memberships, JoinRequests requests, Notices notices, ChangeLedger ledger, Clock clock) {
        this.jdbc = data.jdbc();
        this.memberships = memberships;
        this.requests = requests;
        this.notices = notices;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Any member invites a number; the same answer whether or not it has an account (or is a member already). */
    @Transactional
    public Invitation invite(PartyAccess me, long enterpriseId, String mobile) {
        Membership m = memberships.requireMember(me, enterpriseId);
        String number = mobile == null ? null : mobile.strip();
        if (!MobileNumbers.mainland(number)) {
            throw ApiException.invalid(List.of(new FieldError("mobile", "a mainland mobile number: 11 digits starting 13 to 19", "field-mobile")));
        }
        PartyView enterprise = requests.requireRegistered(enterpriseId);
        memberships.lock(enterpriseId);
        Instant now = clock.instant();
        Long pending = jdbc.sql("select id from join_invitation where enterprise_id = ? and mobile = ? and state = 'PENDING' and expires_at > ?")
                .params(enterpriseId, number, Timestamp.from(now)).query(Long.class).optional().orElse(null);
        if (pending != null) { // asked again: the same invitation, no second notice
            return find(pending);
        }
        boolean byAdmin = m.admin() && m.mayManage();
        long id = jdbc.sql("""
                        insert into join_invitation (enterprise_id, mobile, invited_by, by_admin, state, created_at, expires_at)
                        values (?, ?, ?, ?, 'PENDING', ?, ?) returning id""")
                .params(enterpriseId, number, m.accountId(), byAdmin, Timestamp.from(now), Timestamp.from(now.plus(VALID)))
                .query(Long.class).single();
        String actor = PersonAccounts.actor(m.accountId());
        ledger.append(actor, "join_invitation", Long.toString(id), "INVITED",
                Map.of("enterpriseId", enterpriseId, "mobile", SmsMessage.mask(number), "byAdmin", byAdmin));
        jdbc.sql("select id from account where mobile = ? and status = 'ACTIVE' and party_id is not null").param(number)
                .query(Long.class).optional()
                .filter(account -> memberships.active(enterpriseId, account).isEmpty())
                .ifPresent(account -> notices.toAccount(account, new Notice(NoticeKind.JOIN_REQUEST, "邀请加入企业", "Invitation to join an enterprise",
                        enterprise.name() + "邀请您加入，成为办事人员。", enterprise.name() + " invites you to join as staff.",
                        "/t/" + TenantContext.require().code() + "/account/enterprises/invitations/" + id)));
        return find(id);
    }

    /** The enterprise's invitations, newest first (添加记录): any member. */
    @Transactional(readOnly = true)
    public List<Invitation> ofEnterprise(PartyAccess me, long enterpriseId) {
        memberships.requireMember(me, enterpriseId);
        return jdbc.sql(SELECT + " where i.enterprise_id = ? order by i.id desc limit 100").param(enterpriseId).query(Invitations::row).list();
    }

    /** The PENDING invitations to my account's number, of enterprises I am not a member of. */
    @Transactional(readOnly = true)
    public List<Invitation> mine(PartyAccess me) {
        long account = Memberships.requireVerifiedAccount(me);
        return jdbc.sql(SELECT + " " + """
                         where i.mobile = (select mobile from account where id = ?) and i.state = 'PENDING' and i.expires_at > ?
                         and not exists (select 1 from membership m where m.enterprise_id = i.enterprise_id and m.account_id = ? and m.status = 'ACTIVE')
                         order by i.id desc""")
                .params(account, Timestamp.from(clock.instant()), account).query(Invitations::row).list();
    }

    /** One invitation to my number; 404 {@code invitation-not-found} for any other. */
    @Transactional(readOnly = true)
    public Invitation one(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        return jdbc.sql(SELECT + " where i.id = ? and i.mobile = (select mobile from account where id = ?)").params(id, account)
                .query(Invitations::row).optional().orElseThrow(Invitations::notFound);
    }

    @Transactional
    public Accepted accept(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        Invitation i = lockPending(me, id);
        memberships.lock(i.enterpriseId()); // first: whether the inviter is still the managing ADMIN is read under it
        String actor = PersonAccounts.actor(account);
        long inviter = jdbc.sql("select invited_by from join_invitation where id = ?").param(id).query(Long.class).single();
        boolean adminStill = i.byAdmin() && memberships.admin(i.enterpriseId())
                .filter(a -> a.accountId() == inviter && a.mayManage()).isPresent();
        Membership membership = null;
        JoinRequest request = null;
        if (adminStill) {
            requests.requireRegistered(i.enterpriseId());
            requests.closePending(account, i.enterpriseId(), actor);
            membership = memberships.add(i.enterpriseId(), account, MemberRole.STAFF, true, "INVITATION", actor, Map.of("invitationId", id));
            notices.toParty(i.enterpriseId(), new Notice(NoticeKind.JOIN_REQUEST, "邀请已接受", "Invitation accepted",
                    i.maskedMobile() + "已接受邀请，加入" + i.enterpriseName() + "。", i.maskedMobile() + " accepted the invitation to " + i.enterpriseName() + ".",
                    "/t/" + TenantContext.require().code() + "/account/enterprises/" + i.enterpriseId()));
        } else {
            request = requests.create(account, i.enterpriseId(), "INVITATION", null, null, null, id);
        }
        decide(id, "ACCEPTED", account, actor, membership == null ? Map.of("joinRequestId", request.id()) : Map.of("membershipId", membership.id()));
        return new Accepted(find(id), membership, request);
    }

    @Transactional
    public Invitation decline(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        lockPending(me, id);
        decide(id, "DECLINED", account, PersonAccounts.actor(account), Map.of());
        return find(id);
    }

    private Invitation lockPending(PartyAccess me, long id) {
        one(me, id);
        jdbc.sql("select id from join_invitation where id = ? for update").param(id).query(Long.class).single();
        Invitation i = find(id);
        if (!"PENDING".equals(i.state())) {
            throw ApiException.conflict("invitation-decided", "this invitation was already " + i.state().toLowerCase());
        }
        if (!i.expiresAt().isAfter(clock.instant())) {
            throw ApiException.conflict("invitation-expired", "this invitation has expired; ask for a new one");
        }
        return i;
    }

    private void decide(long id, String state, long account, String actor, Map<String, Object> detail) {
        jdbc.sql("update join_invitation set state = ?, accepted_by = ?, decided_at = ? where id = ? and state = 'PENDING'")
                .params(state, account, Timestamp.from(clock.instant()), id).update();
        Map<String, Object> content = new LinkedHashMap<>(detail);
        content.put("accountId", account);
        ledger.append(actor, "join_invitation", Long.toString(id), state, content);
    }

    private Invitation find(long id) {
        return jdbc.sql(SELECT + " where i.id = ?").param(id).query(Invitations::row).single();
    }

    private static ApiException notFound() {
        return ApiException.notFound("invitation-not-found", "no such invitation to your number");
    }

    private static Invitation row(ResultSet rs, int n) throws SQLException {
        return new Invitation(rs.getLong(1), rs.getLong(2), rs.getString(3), SmsMessage.mask(rs.getString(4)), rs.getString(5), rs.getBoolean(6),
                rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
    }
}
