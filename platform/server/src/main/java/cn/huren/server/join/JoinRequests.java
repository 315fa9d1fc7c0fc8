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
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests to join an enterprise (APP-19–23). Only an enterprise registered in the app (it has an ACTIVE ADMIN) can be
 * joined; one PENDING request per person and enterprise; a member does not ask. The ADMIN gets a "加入企业申请" notice
 * and approves (the person becomes STAFF, via JOIN) or returns it with a reason; the person is told either way, and may
 * withdraw a PENDING request. Every change is in {@code join_request_history} and on the ledger.
 */
@Service
public class JoinRequests {

    public static final String RECORD_TYPE = "join_request";

    /** What the information page (管理员信息页面) asks: all optional, the name comes from real-name verification. */
    public record Application(Long enterpriseId, String joinToken, String position, String department, String remark) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select r.id, r.enterprise_id, e.name, r.account_id, p.name, a.mobile, r.via, r.position, r.department, r.remark,
                   r.state, r.reason, r.created_at, r.decided_at
            from join_request r join party e on e.id = r.enterprise_id join account a on a.id = r.account_id
            left join party p on p.id = a.party_id""";

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final JoinLinks links;
    private final Notices notices;
    private final ChangeLedger ledger;
    private final Clock clock;

    JoinRequests(TenantData data, Memberships memberships, JoinLinks links, Notices notices, ChangeLedger ledger,
                 Clock clock) {
        this.jdbc = data.jdbc();
        this.memberships = memberships;
        this.links = links;
        this.notices = notices;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** APP-20, APP-21: asks to join the enterprise named by its id (found by search) or by its join link's token (QR). */
    @Transactional
    public JoinRequest apply(PartyAccess me, Application in) {
        long account = Memberships.requireVerifiedAccount(me);
        if (in == null || (in.enterpriseId() == null) == (blank(in.joinToken()))) {
            throw ApiException.invalid(List.of(new FieldError("enterpriseId", "name the enterprise by enterpriseId or by joinToken (one of them)")));
        }
        List<FieldError> errors = new ArrayList<>();
        String position = text(in.position(), "position", 50, errors);
        String department = text(in.department(), "department", 100, errors);
        String remark = text(in.remark(), "remark", 200, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String via = in.enterpriseId() != null ? "APPLY" : "QR";
        long enterpriseId = in.enterpriseId() != null ? in.enterpriseId() : links.resolve(in.joinToken());
        return create(account, enterpriseId, via, position, department, remark, null);
    }

    /** A new PENDING request, in the caller's transaction (also from an invitation a staff member sent). */
    @Transactional
    JoinRequest create(long account, long enterpriseId, String via, String position, String department, String remark, Long invitationId) {
        PartyView enterprise = requireRegistered(enterpriseId);
        memberships.lock(enterpriseId);
        if (memberships.active(enterpriseId, account).isPresent()) {
            throw ApiException.conflict("already-member", "you are already a member of this enterprise");
        }
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into join_request (enterprise_id, account_id, via, position, department, remark, invitation_id, state, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?) returning id""")
                    .params(enterpriseId, account, via, position, department, remark, invitationId, Timestamp.from(now))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw pendingAlready();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("enterpriseId", enterpriseId);
        detail.put("accountId", account);
        detail.put("via", via);
        if (invitationId != null) {
            detail.put("invitationId", invitationId);
        }
        record(id, "SUBMITTED", PersonAccounts.actor(account), detail);
        JoinRequest r = find(id);
        notices.toParty(enterpriseId, new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请", "Request to join the enterprise",
                name(r) + "申请加入" + enterprise.name() + "，请审核。", name(r) + " asks to join " + enterprise.name() + ". Please review.",
                "/t/" + TenantContext.require().code() + "/account/enterprises/" + enterpriseId + "#join-requests"));
        return r;
    }

    /** The enterprise, which must be registered in the app (APP-12: it has its ADMIN); else 409 pointing to the claim. */
    @Transactional(readOnly = true)
    public PartyView requireRegistered(long enterpriseId) {
        PartyView enterprise = memberships.enterprise(enterpriseId);
        if (memberships.admin(enterpriseId).isEmpty()) {
            throw ApiException.conflict("enterprise-not-registered",
                    "this enterprise is not registered in the app yet (no administrator): it can be claimed (认领企业), not joined");
        }
        return enterprise;
    }

    @Transactional(readOnly = true)
    public List<JoinRequest> mine(PartyAccess me) {
        long account = Memberships.requireVerifiedAccount(me);
        return jdbc.sql(SELECT + " where r.account_id = ? order by r.id desc limit 100").param(account).query(JoinRequests::row).list();
    }

    /** The enterprise's requests, PENDING first (the ADMIN only). */
    @Transactional(readOnly = true)
    public List<JoinRequest> ofEnterprise(PartyAccess me, long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        return jdbc.sql(SELECT + " where r.enterprise_id = ? order by case r.state when 'PENDING' then 0 else 1 end, r.id desc limit 200")
                .param(enterpriseId).query(JoinRequests::row).list();
    }

    /** APP-22: the applicant withdraws a PENDING request. */
    @Transactional
    public JoinRequest withdraw(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        JoinRequest r = lockPending(id, account, null);
        decide(r, "WITHDRAWN", null, PersonAccounts.actor(account), null);
        return find(id);
    }

    /** The person joined another way (an ADMIN's invitation): a request of theirs still pending is withdrawn. */
    @Transactional
    void closePending(long account, long enterpriseId, String actor) {
        jdbc.sql("select id from join_request where enterprise_id = ? and account_id = ? and state = 'PENDING' for update")
                .params(enterpriseId, account).query(Long.class).optional()
                .ifPresent(id -> decide(find(id), "WITHDRAWN", null, actor, null));
    }

    /** APP-23: the ADMIN (one who may manage staff, APP-27) approves: the person becomes STAFF and is told. */
    @Transactional
    public JoinRequest approve(PartyAccess me, long enterpriseId, long id) {
        memberships.lock(enterpriseId); // first: the ADMIN checked below is the ADMIN now
        Membership admin = memberships.requireManagingAdmin(me, enterpriseId);
        JoinRequest r = lockPending(id, null, enterpriseId);
        String actor = PersonAccounts.actor(admin.accountId());
        boolean open = jdbc.sql("select count(*) from account where id = ? and status = 'ACTIVE' and party_id is not null")
                .param(r.accountId()).query(Long.class).single() == 1;
        if (!open) {
            throw ApiException.conflict("applicant-account-closed", "the applicant's account is closed; return the request instead");
        }
        Membership m = memberships.add(enterpriseId, r.accountId(), MemberRole.STAFF, true, "JOIN", actor, Map.of("joinRequestId", id));
        decide(r, "APPROVED", null, actor, m.id());
        notices.toAccount(r.accountId(), new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请审核通过", "Request to join approved",
                "您已加入" + r.enterpriseName() + "，成为办事人员。", "You joined " + r.enterpriseName() + " as staff.",
                "/t/" + TenantContext.require().code() + "/account/enterprises/" + enterpriseId));
        return find(id);
    }

    /** APP-67: a dissolved enterprise sends every pending request back (in the dissolution's transaction); each person is told. */
    void returnAllPending(long enterpriseId, String reason, String actor) {
        List<Long> pending = jdbc.sql("select id from join_request where enterprise_id = ? and state = 'PENDING' order by id")
                .param(enterpriseId).query(Long.class).list();
        for (long id : pending) {
            JoinRequest r = lockPending(id, null, enterpriseId);
            decide(r, "RETURNED", reason, actor, null);
            notices.toAccount(r.accountId(), new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请被退回", "Request to join returned",
                    "您加入" + r.enterpriseName() + "的申请被退回：" + reason, "Your request to join " + r.enterpriseName() + " was returned: " + reason,
                    null));
        }
    }

    /** APP-23: the ADMIN sends the request back (退回) with a reason; the person is told. */
    @Transactional
    public JoinRequest giveBack(PartyAccess me, long enterpriseId, long id, String reason) {
        List<FieldError> errors = new ArrayList<>();
        String why = text(reason, "reason", 200, errors);
        if (why == null && errors.isEmpty()) {
            errors.add(new FieldError("reason", "say why the request goes back (1 to 200 characters)", "reason-required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        memberships.lock(enterpriseId); // first: the ADMIN checked below is the ADMIN now
        // returning a request adds nobody: an ADMIN a bank transfer made (APP-27) may return them too
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        JoinRequest r = lockPending(id, null, enterpriseId);
        decide(r, "RETURNED", why, PersonAccounts.actor(admin.accountId()), null);
        notices.toAccount(r.accountId(), new Notice(NoticeKind.JOIN_REQUEST, "加入企业申请被退回", "Request to join returned",
                "您加入" + r.enterpriseName() + "的申请被退回：" + why, "Your request to join " + r.enterpriseName() + " was returned: " + why,
                "/t/" + TenantContext.require().code() + "/account/enterprises"));
        return find(id);
    }

    private JoinRequest lockPending(long id, Long account, Long enterpriseId) {
        long[] found = jdbc.sql("select account_id, enterprise_id from join_request where id = ? for update").param(id)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional().orElse(null);
        if (found == null || account != null && found[0] != account || enterpriseId != null && found[1] != enterpriseId) {
            throw ApiException.notFound("join-request-not-found", "no such request to join");
        }
        JoinRequest r = find(id);
        if (!r.pending()) {
            throw ApiException.conflict("join-request-decided", "the request is no longer pending (" + r.state() + ")");
        }
        return r;
    }

    private void decide(JoinRequest r, String state, String reason, String actor, Long membershipId) {
        jdbc.sql("update join_request set state = ?, reason = ?, decided_by = ?, decided_at = ?, membership_id = ? where id = ? and state = 'PENDING'")
                .params(state, reason, actor, Timestamp.from(clock.instant()), membershipId, r.id()).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("enterpriseId", r.enterpriseId());
        detail.put("accountId", r.accountId());
        if (reason != null) {
            detail.put("reason", reason);
        }
        if (membershipId != null) {
            detail.put("membershipId", membershipId);
        }
        record(r.id(), state, actor, detail);
    }

    JoinRequest find(long id) {
        return jdbc.sql(SELECT + " where r.id = ?").param(id).query(JoinRequests::row).single();
    }

    private void record(long id, String action, String actor, Map<String, Object> detail) {
        jdbc.sql("insert into join_request_history (join_request_id, action, actor, at, detail) values (?, ?, ?, ?, ?::jsonb)")
                .params(id, action, actor, Timestamp.from(clock.instant()), json(detail)).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(id), action, detail);
    }

    static ApiException pendingAlready() {
        return ApiException.conflict("join-request-pending", "you have already asked to join this enterprise; wait for the administrator or withdraw it");
    }

    private static String name(JoinRequest r) {
        return r.applicantName() == null ? r.maskedMobile() : r.applicantName();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String text(String value, String field, int max, List<FieldError> errors) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "at most " + max + " characters, one line", "field-" + field));
            return null;
        }
        return v;
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JoinRequest row(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp(14);
        return new JoinRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), SmsMessage.mask(rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getTimestamp(13).toInstant(), decided == null ? null : decided.toInstant());
    }
}
