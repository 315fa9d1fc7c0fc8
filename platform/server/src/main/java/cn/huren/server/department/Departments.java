package cn.huren.server.department;

import cn.huren.server.account.PersonAccounts;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The departments of an enterprise and their members (docs/enterprises.md, Departments). Members read them; the
 * managing ADMIN changes them ({@link Memberships#requireManagingAdmin}), each change under the enterprise's lock
 * ({@link Memberships#lock}) so that racing moves see each other's result: no cycle and no fourth level can arise.
 * Every change is in {@code department_history} and on the ledger (record type {@value #RECORD_TYPE}); a request that
 * is refused changes nothing.
 */
@Service
public class Departments {

    public static final String RECORD_TYPE = "department";
    /** APP-70: the company, then departments of levels 1, 2 and 3. */
    public static final int MAX_LEVEL = 3;
    /** At most this many ids in one bulk request. */
    public static final int MAX_BULK = 200;
    public static final int MAX_NAME = 50;

    /** A department in the tree, with the number of its own (direct) members. */
    public record Node(long id, Long parentId, String name, int level, int memberCount, long version, List<Node> children) {
    }

    /** A member of the enterprise and the departments they are in. */
    public record Member(long membershipId, long accountId, String name, String maskedMobile, MemberRole role, List<Long> departmentIds) {
    }

    /**
     * The enterprise's departments as a tree (first level first, siblings by name) and its members.
     *
     * @param mayChange whether the caller may change them (the managing ADMIN)
     */
    public record Overview(long enterpriseId, String enterpriseName, boolean mayChange, List<Node> departments, List<Member> members) {

        /** Every department, depth first (for pickers). */
        public List<Node> flat() {
            List<Node> out = new ArrayList<>();
            departments.forEach(n -> walk(n, out));
            return out;
        }

        private static void walk(Node n, List<Node> out) {
            out.add(n);
            n.children().forEach(c -> walk(c, out));
        }
    }

    public record NewDepartment(String name, Long parentId) {
    }

    /** One change of a department or of its members (GET …/departments/history). */
    public record HistoryEntry(long departmentId, String action, String actor, Instant at, Map<String, Object> detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, enterprise_id, parent_id, name, level, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final ChangeLedger ledger;
    private final Clock clock;

    Departments(TenantData data, Memberships memberships, ChangeLedger ledger, Clock clock) {
        this.jdbc = data.jdbc();
        this.memberships = memberships;
        this.ledger = ledger;
        this.clock = clock;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    /** The tree with member counts and the members with their departments: every member of the enterprise sees it. */
    @Transactional(readOnly = true)
    public Overview overview(PartyAccess me, long enterpriseId) {
        Membership mine = memberships.requireMember(me, enterpriseId);
        List<Department> all = all(enterpriseId);
        Map<Long, List<Long>> places = new LinkedHashMap<>();
        Map<Long, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select dm.department_id, dm.membership_id from department_member dm
                        join department d on d.id = dm.department_id
                        join membership m on m.id = dm.membership_id and m.status = 'ACTIVE'
                        where d.enterprise_id = ? order by d.level, d.name, d.id""")
                .param(enterpriseId)
                .query(rs -> {
                    long department = rs.getLong(1);
                    places.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(department);
                    counts.merge(department, 1, Integer::sum);
                });
        List<Member> members = memberships.members(enterpriseId).stream()
                .map(m -> new Member(m.membershipId(), m.accountId(), m.name(), m.maskedMobile(), m.role(),
                        List.copyOf(places.getOrDefault(m.membershipId(), List.of()))))
                .toList();
        return new Overview(enterpriseId, memberships.enterprise(enterpriseId).name(), mine.admin() && mine.mayManage(),
                children(null, all, counts), members);
    }

    private static List<Node> children(Long parent, List<Department> all, Map<Long, Integer> counts) {
        return all.stream().filter(d -> Objects.equals(d.parentId(), parent))
                .map(d -> new Node(d.id(), d.parentId(), d.name(), d.level(), counts.getOrDefault(d.id(), 0), d.version(),
                        children(d.id(), all, counts)))
                .toList();
    }

    /** One department of the enterprise; 404 {@code department-not-found} for any other id (another enterprise's too). */
    @Transactional(readOnly = true)
    public Department department(PartyAccess me, long enterpriseId, long departmentId) {
        memberships.requireMember(me, enterpriseId);
        return require(enterpriseId, departmentId);
    }

    /** Every change of the enterprise's departments and their members, newest first (the ADMIN only). */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(PartyAccess me, long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        return jdbc.sql("select department_id, action, actor, at, detail from department_history where enterprise_id = ? order by id desc limit 500")
                .param(enterpriseId)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        readJson(rs.getString(5))))
                .list();
    }

    // ---- changes of departments ------------------------------------------------------------------------------------

    /** APP-70: a department under the company ({@code parentId} null) or under a department of level 1 or 2. */
    @Transactional
    public Department create(PartyAccess me, long enterpriseId, NewDepartment input) {
        Membership admin = changing(me, enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        String name = name(input == null ? null : input.name(), errors);
        Long parentId = input == null ? null : input.parentId();
        int level = 1;
        if (parentId != null) {
            Department parent = find(enterpriseId, parentId);
            if (parent == null) {
                errors.add(new FieldError("parentId", "no department " + parentId + " in this enterprise", "department-not-found"));
            } else if (parent.level() >= MAX_LEVEL) {
                errors.add(tooDeep());
            } else {
                level = parent.level() + 1;
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        requireFreeName(enterpriseId, parentId, name, null);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into department (enterprise_id, parent_id, name, level, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?, 0) returning id""")
                .params(enterpriseId, parentId, name, level, Timestamp.from(now), Timestamp.from(now))
                .query(Long.class).single();
        record(enterpriseId, id, "CREATED", actor(admin), detail("name", name, "parentId", parentId, "level", level));
        return require(enterpriseId, id);
    }

    /** APP-74: a new name, unique among its siblings. */
    @Transactional
    public Department rename(PartyAccess me, long enterpriseId, long departmentId, String newName) {
        Membership admin = changing(me, enterpriseId);
        Department d = require(enterpriseId, departmentId);
        List<FieldError> errors = new ArrayList<>();
        String name = name(newName, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (name.equals(d.name())) {
            return d;
        }
        requireFreeName(enterpriseId, d.parentId(), name, d.id());
        jdbc.sql("update department set name = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(name, Timestamp.from(clock.instant()), d.id()).update();
        record(enterpriseId, d.id(), "RENAMED", actor(admin), detail("from", d.name(), "to", name));
        return require(enterpriseId, d.id());
    }

    /**
     * APP-74: the department and its sub-departments move under another parent ({@code null}: the company). Never under
     * itself or one of its own descendants ({@code department-cycle}), never so that any of them would be below level
     * 3 ({@code department-too-deep}): both 400 on {@code parentId}.
     */
    @Transactional
    public Department move(PartyAccess me, long enterpriseId, long departmentId, Long parentId) {
        Membership admin = changing(me, enterpriseId);
        Department d = require(enterpriseId, departmentId);
        if (Objects.equals(parentId, d.parentId())) {
            return d;
        }
        Map<Long, Department> all = all(enterpriseId).stream().collect(Collectors.toMap(Department::id, x -> x));
        int newLevel = 1;
        if (parentId != null) {
            Department parent = all.get(parentId);
            if (parent == null) {
                throw ApiException.invalid(List.of(new FieldError("parentId", "no department " + parentId + " in this enterprise",
                        "department-not-found")));
            }
            for (Department up = parent; up != null; up = up.parentId() == null ? null : all.get(up.parentId())) {
                if (up.id() == d.id()) {
                    throw ApiException.invalid(List.of(new FieldError("parentId",
                            "a department cannot move under itself or under one of its own sub-departments", "department-cycle")));
                }
            }
            newLevel = parent.level() + 1;
        }
        int below = height(d.id(), all.values());
        if (newLevel + below > MAX_LEVEL) {
            throw ApiException.invalid(List.of(tooDeep()));
        }
        requireFreeName(enterpriseId, parentId, d.name(), d.id());
        Instant now = clock.instant();
        int shift = newLevel - d.level();
        if (shift != 0) {
            jdbc.sql("""
                            with recursive sub(id) as (
                              select id from department where id = ?
                              union all select c.id from department c join sub on c.parent_id = sub.id)
                            update department set level = level + ?, updated_at = ?, version = version + 1
                            where id in (select id from sub) and id <> ?""")
                    .params(d.id(), shift, Timestamp.from(now), d.id()).update();
        }
        jdbc.sql("update department set parent_id = ?, level = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(parentId, newLevel, Timestamp.from(now), d.id()).update();
        record(enterpriseId, d.id(), "MOVED", actor(admin), detail("fromParentId", d.parentId(), "toParentId", parentId, "level", newLevel));
        return require(enterpriseId, d.id());
    }

    /**
     * APP-74: deletes an empty department. 409 {@code department-has-sub-departments} or {@code department-has-members},
     * the message naming them, while it has any.
     */
    @Transactional
    public void delete(PartyAccess me, long enterpriseId, long departmentId) {
        Membership admin = changing(me, enterpriseId);
        Department d = require(enterpriseId, departmentId);
        List<String> subs = jdbc.sql("select name from department where parent_id = ? order by name").param(d.id()).query(String.class).list();
        if (!subs.isEmpty()) {
            throw ApiException.conflict("department-has-sub-departments",
                    "the department still has sub-departments (" + String.join("、", subs) + "); move or delete them first");
        }
        List<String> names = jdbc.sql("""
                        select coalesce(p.name, '#' || m.id) from department_member dm join membership m on m.id = dm.membership_id
                        join account a on a.id = m.account_id left join party p on p.id = a.party_id
                        where dm.department_id = ? and m.status = 'ACTIVE' order by m.id""")
                .param(d.id()).query(String.class).list();
        if (!names.isEmpty()) {
            throw ApiException.conflict("department-has-members",
                    "the department still has members (" + String.join("、", names) + "); move or remove them first");
        }
        jdbc.sql("delete from department_member where department_id = ?").param(d.id()).update();
        jdbc.sql("delete from department where id = ?").param(d.id()).update();
        record(enterpriseId, d.id(), "DELETED", actor(admin), detail("name", d.name(), "parentId", d.parentId(), "level", d.level()));
    }

    // ---- changes of members ----------------------------------------------------------------------------------------

    /** APP-71: adds the members to each of the departments (those already in one stay); all ids valid or nothing changes. */
    @Transactional
    public Overview addMembers(PartyAccess me, long enterpriseId, List<Long> membershipIds, List<Long> departmentIds) {
        Membership admin = changing(me, enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        Set<Long> members = members(enterpriseId, membershipIds, errors);
        Set<Long> targets = departments(enterpriseId, "departmentIds", departmentIds, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String actor = actor(admin);
        for (long department : targets) {
            put(enterpriseId, department, members, actor, "MEMBERS_ADDED", Map.of());
        }
        return overview(me, enterpriseId);
    }

    /**
     * APP-71: moves the members out of {@code fromDepartmentId} (when null: out of every department they are in) into
     * each of the departments; all ids valid or nothing changes. With a {@code fromDepartmentId}, each member must be in it.
     */
    @Transactional
    public Overview moveMembers(PartyAccess me, long enterpriseId, List<Long> membershipIds, Long fromDepartmentId, List<Long> departmentIds) {
        Membership admin = changing(me, enterpriseId);
        List<FieldError> errors = new ArrayList<>();
        Set<Long> members = members(enterpriseId, membershipIds, errors);
        Set<Long> targets = departments(enterpriseId, "departmentIds", departmentIds, errors);
        if (fromDepartmentId != null) {
            if (find(enterpriseId, fromDepartmentId) == null) {
                errors.add(new FieldError("fromDepartmentId", "no department " + fromDepartmentId + " in this enterprise", "department-not-found"));
            } else {
                notIn(fromDepartmentId, members, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String actor = actor(admin);
        // where each member is now, restricted to the source, minus the targets (a member moved "to where they are" stays)
        Map<Long, Set<Long>> leaving = new TreeMap<>();
        for (long member : members) {
            for (long department : placesOf(enterpriseId, member)) {
                if ((fromDepartmentId == null || department == fromDepartmentId) && !targets.contains(department)) {
                    leaving.computeIfAbsent(department, k -> new LinkedHashSet<>()).add(member);
                }
            }
        }
        leaving.forEach((department, out) -> take(enterpriseId, department, out, actor, "MEMBERS_MOVED_OUT", Map.of("to", List.copyOf(targets))));
        for (long department : targets) {
            put(enterpriseId, department, members, actor, "MEMBERS_MOVED_IN",
                    fromDepartmentId == null ? Map.of() : Map.of("from", fromDepartmentId));
        }
        return overview(me, enterpriseId);
    }

    /** APP-71 (从本部门内删除): the members leave this department, not the enterprise; each must be in it. */
    @Transactional
    public Overview removeMembers(PartyAccess me, long enterpriseId, long departmentId, List<Long> membershipIds) {
        Membership admin = changing(me, enterpriseId);
        Department d = require(enterpriseId, departmentId);
        List<FieldError> errors = new ArrayList<>();
        Set<Long> members = members(enterpriseId, membershipIds, errors);
        if (errors.isEmpty()) {
            notIn(d.id(), members, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        take(enterpriseId, d.id(), members, actor(admin), "MEMBERS_REMOVED", Map.of());
        return overview(me, enterpriseId);
    }

    /**
     * A membership ended (left, removed, dissolved): its department places go in the same transaction, each on the
     * history and the ledger ({@code MEMBER_LEFT}). Called by {@link DepartmentsOnMembershipEnd}.
     */
    void dissolved(long enterpriseId, String actor) {
        List<Long> ids = jdbc.sql("select id from department where enterprise_id = ? order by level desc, id").param(enterpriseId)
                .query(Long.class).list();
        for (long id : ids) {
            jdbc.sql("delete from department_member where department_id = ?").param(id).update();
            jdbc.sql("delete from department where id = ?").param(id).update();
            record(enterpriseId, id, "DELETED", actor, detail("dissolution", true));
        }
    }

    void membershipEnded(long enterpriseId, long membershipId, String status, String actor) {
        for (long department : placesOf(enterpriseId, membershipId)) {
            jdbc.sql("delete from department_member where department_id = ? and membership_id = ?").params(department, membershipId).update();
            record(enterpriseId, department, "MEMBER_LEFT", actor, detail("membershipId", membershipId, "status", status));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /**
     * The managing ADMIN, holding the enterprise's lock until the transaction ends: the lock first, so that a handover
     * racing this change is either before it (the caller is no longer ADMIN) or after it.
     */
    private Membership changing(PartyAccess me, long enterpriseId) {
        Memberships.requireVerifiedAccount(me);
        memberships.lock(enterpriseId);
        return memberships.requireManagingAdmin(me, enterpriseId);
    }

    private void put(long enterpriseId, long department, Collection<Long> members, String actor, String action, Map<String, Object> more) {
        List<Long> added = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (long member : members) {
            if (jdbc.sql("insert into department_member (department_id, membership_id, added_at) values (?, ?, ?) on conflict do nothing")
                    .params(department, member, now).update() == 1) {
                added.add(member);
            }
        }
        if (!added.isEmpty()) {
            Map<String, Object> content = new LinkedHashMap<>(more);
            content.put("membershipIds", added);
            record(enterpriseId, department, action, actor, content);
        }
    }

    private void take(long enterpriseId, long department, Collection<Long> members, String actor, String action, Map<String, Object> more) {
        List<Long> removed = new ArrayList<>();
        for (long member : members) {
            if (jdbc.sql("delete from department_member where department_id = ? and membership_id = ?").params(department, member).update() == 1) {
                removed.add(member);
            }
        }
        if (!removed.isEmpty()) {
            Map<String, Object> content = new LinkedHashMap<>(more);
            content.put("membershipIds", removed);
            record(enterpriseId, department, action, actor, content);
        }
    }

    /** The ids as ACTIVE memberships of the enterprise; errors name the others. */
    private Set<Long> members(long enterpriseId, List<Long> ids, List<FieldError> errors) {
        Set<Long> valid = new LinkedHashSet<>();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK || ids.contains(null)) {
            errors.add(new FieldError("membershipIds", "1 to " + MAX_BULK + " member ids", "bulk-size"));
            return valid;
        }
        Set<Long> known = new LinkedHashSet<>(jdbc.sql("select id from membership where enterprise_id = ? and status = 'ACTIVE' and id in (:ids)"
                        .replace(":ids", placeholders(ids.size())))
                .params(concat(enterpriseId, ids)).query(Long.class).list());
        for (long id : new LinkedHashSet<>(ids)) {
            if (known.contains(id)) {
                valid.add(id);
            } else {
                errors.add(new FieldError("membershipIds", "no member " + id + " in this enterprise", "member-not-found"));
            }
        }
        return valid;
    }

    private Set<Long> departments(long enterpriseId, String field, List<Long> ids, List<FieldError> errors) {
        Set<Long> valid = new LinkedHashSet<>();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK || ids.contains(null)) {
            errors.add(new FieldError(field, "1 to " + MAX_BULK + " department ids", "bulk-size"));
            return valid;
        }
        Set<Long> known = new LinkedHashSet<>(jdbc.sql("select id from department where enterprise_id = ? and id in (:ids)"
                        .replace(":ids", placeholders(ids.size())))
                .params(concat(enterpriseId, ids)).query(Long.class).list());
        for (long id : new LinkedHashSet<>(ids)) {
            if (known.contains(id)) {
                valid.add(id);
            } else {
                errors.add(new FieldError(field, "no department " + id + " in this enterprise", "department-not-found"));
            }
        }
        return valid;
    }

    private void notIn(long departmentId, Set<Long> members, List<FieldError> errors) {
        Set<Long> in = new LinkedHashSet<>(jdbc.sql("select membership_id from department_member where department_id = ?")
                .param(departmentId).query(Long.class).list());
        for (long member : members) {
            if (!in.contains(member)) {
                errors.add(new FieldError("membershipIds", "member " + member + " is not in this department", "member-not-in-department"));
            }
        }
    }

    private List<Long> placesOf(long enterpriseId, long membershipId) {
        return jdbc.sql("""
                        select dm.department_id from department_member dm join department d on d.id = dm.department_id
                        where d.enterprise_id = ? and dm.membership_id = ? order by dm.department_id""")
                .params(enterpriseId, membershipId).query(Long.class).list();
    }

    private void requireFreeName(long enterpriseId, Long parentId, String name, Long except) {
        boolean taken = jdbc.sql("""
                        select count(*) from department where enterprise_id = ? and coalesce(parent_id, 0) = ? and name = ?
                        and id <> ?""")
                .params(enterpriseId, parentId == null ? 0L : parentId, name, except == null ? 0L : except).query(Long.class).single() > 0;
        if (taken) {
            throw new ApiException(HttpStatus.CONFLICT, "department-name-taken",
                    "another department of the same parent is already called " + name,
                    List.of(new FieldError("name", "a department of the same parent already has this name", "department-name-taken")));
        }
    }

    private static String name(String raw, List<FieldError> errors) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "the department's name: 1 to " + MAX_NAME + " characters", "department-name"));
        }
        return name;
    }

    private static FieldError tooDeep() {
        return new FieldError("parentId", "departments go at most " + MAX_LEVEL + " levels below the company", "department-too-deep");
    }

    /** How many levels the department's subtree reaches below it (0 for a department without sub-departments). */
    private static int height(long id, Collection<Department> all) {
        int h = 0;
        for (Department c : all) {
            if (c.parentId() != null && c.parentId() == id) {
                h = Math.max(h, 1 + height(c.id(), all));
            }
        }
        return h;
    }

    private List<Department> all(long enterpriseId) {
        return jdbc.sql("select " + COLUMNS + " from department where enterprise_id = ? order by level, name, id")
                .param(enterpriseId).query(Departments::row).list();
    }

    private Department find(long enterpriseId, long id) {
        return jdbc.sql("select " + COLUMNS + " from department where enterprise_id = ? and id = ?")
                .params(enterpriseId, id).query(Departments::row).optional().orElse(null);
    }

    private Department require(long enterpriseId, long id) {
        Department d = find(enterpriseId, id);
        if (d == null) {
            throw ApiException.notFound("department-not-found", "no department " + id + " in this enterprise");
        }
        return d;
    }

    private void record(long enterpriseId, long departmentId, String action, String actor, Map<String, Object> detail) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("enterpriseId", enterpriseId);
        content.putAll(detail);
        jdbc.sql("insert into department_history (enterprise_id, department_id, action, actor, at, detail) values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(enterpriseId, departmentId, action, actor, Timestamp.from(clock.instant()), json(content)).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(departmentId), action, content);
    }

    private static String actor(Membership m) {
        return PersonAccounts.actor(m.accountId());
    }

    /** Pairs of key and value, nulls kept (a first-level department's parent is null). */
    private static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] concat(long first, List<Long> rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            out[i + 1] = rest.get(i);
        }
        return out;
    }

    private static Department row(ResultSet rs, int n) throws SQLException {
        long parent = rs.getLong(3);
        Long parentId = rs.wasNull() ? null : parent;
        return new Department(rs.getLong(1), rs.getLong(2), parentId, rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant(), rs.getLong(8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
