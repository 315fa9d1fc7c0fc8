package cn.huren.server.membership;

import cn.huren.server.account.ClosureCheck;
import java.util.List;
import org.springframework.stereotype.Component;

/** APP-103: an account that still acts for an enterprise does not close; it leaves (or hands over the ADMIN role) first. */
@Component
class MembershipsLeft implements ClosureCheck {

    private final Memberships memberships;

    MembershipsLeft(Memberships memberships) {
        this.memberships = memberships;
    }

    @Override
    public List<Left> left(long accountId, Long partyId) {
        int count = memberships.ofAccount(accountId).size();
        return count == 0 ? List.of() : List.of(new Left("enterprises-left",
                count + " enterprise(s) of which the account is a member: leave them (an administrator hands the role over first)"));
    }
}
