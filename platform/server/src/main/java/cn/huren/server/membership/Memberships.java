package cn.huren.server.membership;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The memberships of the current tenant (docs/enterprises.md). Reads are plain; every change runs in the caller's
 * transaction (claims, joins, handovers compose it with their own rows), takes the enterprise's lock first, and writes
 * {@code membership_history} and a ledger entry. Exactly one ACTIVE ADMIN per enterprise is also a unique index, so
 * no path can make a second one; an ADMIN changes only by {@link #swapAdmin}.
 */
@Service
public class Memberships {

    public static final String RECORD_TYPE = "membership";
    public static final String ACTIVE = "ACTIVE";

    /** A member as the enterprise's members see it: the person's verified name and masked number. */
    public record Member(long membershipId, long accountId, String name, String maskedMobile, MemberRole role, boolean mayManage,
                         String via, Instant since) {
    }

    /** One change of a membership (GET …/members/history). */
    public record HistoryEntry(long membershipId, long accountId, String action, MemberRole role, String actor, Instant at,
                               Map<String, Object> detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, enterprise_id, account_id, role, status, may_manage, via, created_at, ended_at";

    private final JdbcClient jdbc;
    private final ChangeLedger ledger;
    private final PartyRegistration parties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Memberships(TenantData data, ChangeLedger ledger, PartyRegistration parties, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = data.jdbc();
        this.ledger = ledger;
        this.parties = parties;
        this.clock = clock;
        this.events = events;
    }

    // ---- who is asking --------------------------------------------------------------------------------------------

    /**
     * The account of a real-name-verified account session: only a verified person acts for an enterprise (APP-06).
     * 403 {@code account-required} for any other session, {@code real-name-required} before verification.
     */
    public static long requireVerifiedAccount(PartyAccess me) {
        if (me == null || me.accountId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-required", "this needs a login to a person's account (mobile number)");
        }
        if (me.partyId() == null) {
            throw PartyAccess.realNameRequired();
        }
        return me.accountId();
    }

    /** The caller's ACTIVE membership of the enterprise; 404 {@code enterprise-not-found} when it has none (nothing told about others). */
    @Transactional(readOnly = true)
    public Membership requireMember(PartyAccess me, long enterpriseId) {
        long account = requireVerifiedAccount(me);
        return active(enterpriseId, account).orElseThrow(() -> notFound(enterpriseId));
    }

    /** As {@link #requireMember}, and the caller must be the ADMIN: 403 {@code admin-required}. */
    @Transactional(readOnly = true)
    public Membership requireAdmin(PartyAccess me, long enterpriseId) {
        Membership m = requireMember(me, enterpriseId);
        if (!m.admin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "admin-required", "only the enterprise's administrator (管理员) may do this");
        }
        return m;
    }

    /**
     * As {@link #requireAdmin}, for managing or authorising staff: an ADMIN made by bank transfer must first get a
     * certificate issued (APP-27): 403 {@code certificate-purchase-required}.
     */
    @Transactional(readOnly = true)
    public Membership requireManagingAdmin(PartyAccess me, long enterpriseId) {
        Membership m = requireAdmin(me, enterpriseId);
        if (!m.mayManage()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "certificate-purchase-required",
                    "an administrator verified by bank transfer must buy the enterprise's certificate (claim) before managing staff");
        }
        return m;
    }

    public static ApiException notFound(long enterpriseId) {
        return ApiException.notFound("enterprise-not-found", "no enterprise " + enterpriseId + " of which you are a member");
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<Membership> active(long enterpriseId, long accountId) {
        return jdbc.sql("select " + COLUMNS + " from membership where enterprise_id = ? and account_id = ? and status = 'ACTIVE'")
                .params(enterpriseId, accountId).query(Memberships::row).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Membership> find(long membershipId) {
        return jdbc.sql("select " + COLUMNS + " from membership where id = ?").param(membershipId).query(Memberships::row).optional();
    }

    /** The enterprise's ACTIVE ADMIN, if it has one (an enterprise nobody claimed has none: APP-12's "not registered"). */
    @Transactional(readOnly = true)
    public Optional<Membership> admin(long enterpriseId) {
        return jdbc.sql("select " + COLUMNS + " from membership where enterprise_id = ? and role = 'ADMIN' and status = 'ACTIVE'")
                .param(enterpriseId).query(Memberships::row).optional();
    }

    /** The account's ACTIVE memberships, oldest first. */
    @Transactional(readOnly = true)
    public List<Membership> ofAccount(long accountId) {
        return jdbc.sql("select " + COLUMNS + " from membership where account_id = ? and status = 'ACTIVE' order by id")
                .param(accountId).query(Memberships::row).list();
    }

    /** One of the account's enterprises as its list shows it. */
    public record MyEnterprise(long enterpriseId, String name, String uscc, Membership membership) {
    }

    /** The account's ACTIVE memberships with their enterprises' names, in one statement (an account may act for hundreds). */
    @Transactional(readOnly = true)
    public List<MyEnterprise> enterprisesOf(long accountId) {
        return jdbc.sql("select m.id, m.enterprise_id, m.account_id, m.role, m.status, m.may_manage, m.via, m.created_at, m.ended_at, "
                        + "p.name, p.uscc from membership m join party p on p.id = m.enterprise_id "
                        + "where m.account_id = ? and m.status = 'ACTIVE' order by p.name, m.id")
                .param(accountId)
                .query((rs, n) -> new MyEnterprise(rs.getLong(2), rs.getString(10), rs.getString(11), row(rs, n)))
                .list();
    }

    /** The enterprise's ACTIVE members, the ADMIN first. */
    @Transactional(readOnly = true)
    public List<Member> members(long enterpriseId) {
        return jdbc.sql("""
                        select m.id, m.account_id, p.name, a.mobile, m.role, m.may_manage, m.via, m.created_at
                        from membership m join account a on a.id = m.account_id left join party p on p.id = a.party_id
                        where m.enterprise_id = ? and m.status = 'ACTIVE' order by case m.role when 'ADMIN' then 0 else 1 end, m.id""")
                .param(enterpriseId)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getLong(2), rs.getString(3), SmsMessage.mask(rs.getString(4)),
                        MemberRole.valueOf(rs.getString(5)), rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(long enterpriseId) {
        return jdbc.sql("""
                        select membership_id, account_id, action, role, actor, at, detail from membership_history
                        where enterprise_id = ? order by id desc limit 500""")
                .param(enterpriseId)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), MemberRole.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), readJson(rs.getString(7))))
                .list();
    }

    /** The enterprise party; 404 {@code enterprise-not-found} when there is none or it is a person. */
    @Transactional(readOnly = true)
    public PartyView enterprise(long enterpriseId) {
        requireEnterprise(enterpriseId);
        return parties.require(enterpriseId);
    }

    private void requireEnterprise(long enterpriseId) {
        String kind = jdbc.sql("select kind from party where id = ?").param(enterpriseId).query(String.class).optional().orElse(null);
        if (!PartyKind.ENTERPRISE.name().equals(kind)) {
            throw notFound(enterpriseId);
        }
    }

    // ---- changes (in the caller's transaction) --------------------------------------------------------------------

    /** Serialises every membership change of one enterprise until the transaction ends (also across nodes). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(long enterpriseId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':membership:' || ?))").param(enterpriseId)
                .query((rs, n) -> 1).single();
    }

    /**
     * Makes the account a member. 409 {@code already-member} when it is one; 409 {@code enterprise-has-admin} for a
     * second ADMIN (also if one was made concurrently: the unique index refuses it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Membership add(long enterpriseId, long accountId, MemberRole role, boolean mayManage, String via, String actor,
                          Map<String, Object> detail) {
        requireEnterprise(enterpriseId);
        lock(enterpriseId);
        if (active(enterpriseId, accountId).isPresent()) {
            throw ApiException.conflict("already-member", "this person is already a member of the enterprise");
        }
        if (role == MemberRole.ADMIN && admin(enterpriseId).isPresent()) {
            throw hasAdmin();
        }
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into membership (enterprise_id, account_id, role, status, may_manage, via, created_at, updated_at)
                            values (?, ?, ?, 'ACTIVE', ?, ?, ?, ?) returning id""")
                    .params(enterpriseId, accountId, role.name(), mayManage, via, Timestamp.from(now), Timestamp.from(now))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw role == MemberRole.ADMIN ? hasAdmin() : ApiException.conflict("already-member", "this person is already a member of the enterprise");
        }
        Map<String, Object> content = new LinkedHashMap<>(detail == null ? Map.of() : detail);
        content.put("via", via);
        content.put("mayManage", mayManage);
        record(id, enterpriseId, accountId, "JOINED", role, actor, content);
        return find(id).orElseThrow();
    }

    /**
     * Ends an ACTIVE membership: {@code LEFT} (APP-77), {@code REMOVED} (APP-76) or {@code DISSOLVED} (APP-67). The
     * ADMIN never leaves nor is removed (409 {@code admin-must-hand-over}): an enterprise always has its one ADMIN until
     * it is dissolved. Publishes {@link MembershipEnded} in the same transaction (departments drop the member).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Membership end(long membershipId, String status, String actor, Map<String, Object> detail) {
        if (!List.of("LEFT", "REMOVED", "DISSOLVED").contains(status)) {
            throw new IllegalArgumentException("a membership ends LEFT, REMOVED or DISSOLVED, not " + status);
        }
        Membership m = find(membershipId).orElseThrow(() -> ApiException.notFound("member-not-found", "no such member"));
        lock(m.enterpriseId());
        m = find(membershipId).orElseThrow();
        if (!m.active()) {
            throw ApiException.notFound("member-not-found", "no such member");
        }
        if (m.admin() && !"DISSOLVED".equals(status)) {
            throw ApiException.conflict("admin-must-hand-over",
                    "the administrator cannot leave or be removed; hand the role to a staff member first (管理员移交)");
        }
        Instant now = clock.instant();
        jdbc.sql("update membership set status = ?, ended_at = ?, updated_at = ? where id = ? and status = 'ACTIVE'")
                .params(status, Timestamp.from(now), Timestamp.from(now), membershipId).update();
        record(membershipId, m.enterpriseId(), m.accountId(), status, m.role(), actor, detail == null ? Map.of() : detail);
        events.publishEvent(new MembershipEnded(membershipId, m.enterpriseId(), m.accountId(), status, actor));
        return find(membershipId).orElseThrow();
    }

    /**
     * APP-78–80: the enterprise's ADMIN becomes STAFF and the ACTIVE STAFF member {@code newAdminAccountId} becomes ADMIN,
     * in one transaction under the enterprise's lock (the old ADMIN is demoted before the new one is promoted, so the
     * unique index holds at every statement). An enterprise without an ADMIN gets one. 409 {@code not-staff} when the
     * account is not ACTIVE STAFF of the enterprise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Membership swapAdmin(long enterpriseId, long newAdminAccountId, String via, String actor, Map<String, Object> detail) {
        lock(enterpriseId);
        Membership next = active(enterpriseId, newAdminAccountId).filter(m -> !m.admin())
                .orElseThrow(() -> ApiException.conflict("not-staff", "the new administrator must be a staff member of the enterprise"));
        Optional<Membership> previous = admin(enterpriseId);
        Instant now = clock.instant();
        Map<String, Object> content = new LinkedHashMap<>(detail == null ? Map.of() : detail);
        content.put("via", via);
        previous.ifPresent(p -> {
            jdbc.sql("update membership set role = 'STAFF', may_manage = true, updated_at = ? where id = ?")
                    .params(Timestamp.from(now), p.id()).update();
            record(p.id(), enterpriseId, p.accountId(), "ADMIN_HANDED_OVER", MemberRole.STAFF, actor, with(content, "to", next.accountId()));
        });
        jdbc.sql("update membership set role = 'ADMIN', may_manage = true, updated_at = ? where id = ?")
                .params(Timestamp.from(now), next.id()).update();
        record(next.id(), enterpriseId, next.accountId(), "BECAME_ADMIN", MemberRole.ADMIN, actor,
                with(content, "from", previous.map(Membership::accountId).orElse(null)));
        return find(next.id()).orElseThrow();
    }

    /** APP-27: the ADMIN made by bank transfer got a certificate issued and may now manage staff. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void allowManaging(long membershipId, String actor, Map<String, Object> detail) {
        Membership m = find(membershipId).orElseThrow();
        lock(m.enterpriseId());
        if (jdbc.sql("update membership set may_manage = true, updated_at = ? where id = ? and status = 'ACTIVE' and not may_manage")
                .params(Timestamp.from(clock.instant()), membershipId).update() == 1) {
            record(membershipId, m.enterpriseId(), m.accountId(), "MAY_MANAGE", m.role(), actor, detail == null ? Map.of() : detail);
        }
    }

    private void record(long membershipId, long enterpriseId, long accountId, String action, MemberRole role, String actor,
                        Map<String, Object> detail) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("enterpriseId", enterpriseId);
        content.put("accountId", accountId);
        content.put("role", role.name());
        content.putAll(detail);
        jdbc.sql("""
                        insert into membership_history (membership_id, enterprise_id, account_id, action, role, actor, at, detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(membershipId, enterpriseId, accountId, action, role.name(), actor, Timestamp.from(clock.instant()), json(content))
                .update();
        ledger.append(actor, RECORD_TYPE, Long.toString(membershipId), action, content);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static ApiException hasAdmin() {
        return ApiException.conflict("enterprise-has-admin", "the enterprise already has its administrator (管理员); an enterprise has exactly one");
    }

    static Membership row(ResultSet rs, int n) throws SQLException {
        Timestamp ended = rs.getTimestamp(9);
        return new Membership(rs.getLong(1), rs.getLong(2), rs.getLong(3), MemberRole.valueOf(rs.getString(4)), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant(), ended == null ? null : ended.toInstant());
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
