package cn.huren.server.claim;

import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A reviewer's decision on a claim, in the decision's transaction. An approval tells the claimant "CA证书已通过审核"
 * itself (APP-18's words, not the queue's generic "审核通过"); a rejection is told by the queue, with its reason.
 */
@Component
class ClaimReviewHandler implements ReviewHandler {

    private final Claims claims;

    ClaimReviewHandler(Claims claims) {
        this.claims = claims;
    }

    @Override
    public String kind() {
        return Claims.KIND;
    }

    @Override
    public void approved(ReviewItem item, String reviewer) {
        claims.approve(Long.parseLong(item.subjectRef()), reviewer);
    }

    @Override
    public void rejected(ReviewItem item, String reason, String reviewer) {
        claims.reject(Long.parseLong(item.subjectRef()), reason, reviewer);
    }

    /** Called after the decision: only a rejection is told through the queue (an approval was told above). */
    @Override
    public Optional<Subject> subject(String tenant, ReviewItem item) {
        long id = Long.parseLong(item.subjectRef());
        return claims.find(id).filter(row -> row.state() == Claim.State.REJECTED)
                .map(row -> new Subject(row.personPartyId(), "企业认领（" + row.enterpriseName() + "）", "claim of " + row.enterpriseName(),
                        Claims.link(id)));
    }
}
