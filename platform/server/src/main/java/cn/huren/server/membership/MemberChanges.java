package cn.huren.server.membership;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Leaving (APP-77) and removing members (APP-76, one or many at once: all or none). */
@Service
public class MemberChanges {

    /** At most this many members are removed in one request. */
    static final int MAX_BULK = 200;

    private final Memberships memberships;
    private final Notices notices;
    private final TransactionTemplate tx;

    MemberChanges(Memberships memberships, Notices notices, TransactionTemplate tx) {
        this.memberships = memberships;
        this.notices = notices;
        this.tx = tx;
    }

    /** APP-77: a STAFF member leaves after confirming; the ADMIN hands over first (409 admin-must-hand-over). */
    public Membership leave(PartyAccess me, long enterpriseId, Boolean confirm) {
        if (!Boolean.TRUE.equals(confirm)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("confirm", "confirm that you leave the enterprise (true)", "confirm-required")));
        }
        return tx.execute(s -> {
            Membership mine = memberships.requireMember(me, enterpriseId);
            return memberships.end(mine.id(), "LEFT", PersonAccounts.actor(mine.accountId()), Map.of());
        });
    }

    /**
     * APP-76: the ADMIN removes members, one or many: every id must be an ACTIVE STAFF member of this enterprise, else
     * nothing is removed (400 naming the ids). Each removed person is told.
     */
    public List<Membership> remove(PartyAccess me, long enterpriseId, List<Long> membershipIds) {
        if (membershipIds == null || membershipIds.isEmpty() || membershipIds.size() > MAX_BULK || membershipIds.contains(null)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("membershipIds", "1 to " + MAX_BULK + " member ids")));
        }
        Set<Long> ids = new LinkedHashSet<>(membershipIds);
        return tx.execute(s -> {
            memberships.lock(enterpriseId); // first: the ADMIN checked below is the ADMIN now
            Membership admin = memberships.requireManagingAdmin(me, enterpriseId);
            List<ApiException.FieldError> errors = new ArrayList<>();
            for (long id : ids) {
                Membership m = memberships.find(id).filter(x -> x.enterpriseId() == enterpriseId && x.active()).orElse(null);
                if (m == null) {
                    errors.add(new ApiException.FieldError("membershipIds", "no member " + id + " in this enterprise", "member-not-found"));
                } else if (m.admin()) {
                    errors.add(new ApiException.FieldError("membershipIds", "the administrator is not removed; hand the role over first",
                            "admin-must-hand-over"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            PartyView enterprise = memberships.enterprise(enterpriseId);
            List<Membership> removed = new ArrayList<>();
            for (long id : ids) {
                Membership m = memberships.end(id, "REMOVED", PersonAccounts.actor(admin.accountId()), Map.of());
                removed.add(m);
                notices.toAccount(m.accountId(), new Notice(NoticeKind.SYSTEM, "已被移出企业", "Removed from an enterprise",
                        "管理员已将您移出" + enterprise.name() + "。", "The administrator removed you from " + enterprise.name() + ".", null));
            }
            return removed;
        });
    }
}
