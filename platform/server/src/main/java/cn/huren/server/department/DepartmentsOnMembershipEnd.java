package cn.huren.server.department;

import cn.huren.server.membership.MembershipEnded;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A member who leaves or is removed from the enterprise leaves its departments too, in the same transaction as the
 * membership's end (a plain, synchronous listener; the enterprise's lock is already held by {@code Memberships.end}).
 */
@Component
class DepartmentsOnMembershipEnd {

    private final Departments departments;

    DepartmentsOnMembershipEnd(Departments departments) {
        this.departments = departments;
    }

    @EventListener
    void on(MembershipEnded ended) {
        departments.membershipEnded(ended.enterpriseId(), ended.membershipId(), ended.status(), ended.actor());
    }

    /** APP-67: a dissolved enterprise's departments go (their history and ledger entries stay). */
    @EventListener
    void on(cn.huren.server.membership.EnterpriseDissolved dissolved) {
        departments.dissolved(dissolved.enterpriseId(), dissolved.actor());
    }
}
