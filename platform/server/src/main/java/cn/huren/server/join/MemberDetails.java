package cn.huren.server.join;

import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** APP-69: a member's detail as the enterprise's members see it. */
@Service
public class MemberDetails {

    /**
     * @param delegatedCertificates certificates of the enterprise delegated to the member: 0 until delegation exists
     *     (the delegation issue fills it)
     */
    public record MemberDetail(Memberships.Member member, int delegatedCertificates) {
    }

    private final Memberships memberships;

    MemberDetails(Memberships memberships) {
        this.memberships = memberships;
    }

    @Transactional(readOnly = true)
    public MemberDetail of(PartyAccess me, long enterpriseId, long membershipId) {
        memberships.requireMember(me, enterpriseId);
        return memberships.members(enterpriseId).stream().filter(m -> m.membershipId() == membershipId).findFirst()
                .map(m -> new MemberDetail(m, 0))
                .orElseThrow(() -> ApiException.notFound("member-not-found", "no such member"));
    }
}
