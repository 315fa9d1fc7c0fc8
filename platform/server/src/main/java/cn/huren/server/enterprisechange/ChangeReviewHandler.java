package cn.huren.server.enterprisechange;

import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The reviewer's decision on an enterprise change (APP-63–APP-65), in the decision's transaction: approved, the change is
 * made; rejected, it is closed with the reason. The enterprise is told (its ADMIN, APP-65) by the queue's decision notice.
 */
@Component
class ChangeReviewHandler implements ReviewHandler {

    private final EnterpriseChanges changes;

    ChangeReviewHandler(EnterpriseChanges changes) {
        this.changes = changes;
    }

    @Override
    public String kind() {
        return EnterpriseChanges.KIND;
    }

    @Override
    public void approved(ReviewItem item, String reviewer) {
        changes.approve(Long.parseLong(item.subjectRef()), reviewer);
    }

    @Override
    public void rejected(ReviewItem item, String reason, String reviewer) {
        changes.reject(Long.parseLong(item.subjectRef()), reason, reviewer);
    }

    /** The request in full and its letter, for the reviewer (ChangeReviewController). */
    @Override
    public String page(String tenant, ReviewItem item) {
        return "/api/review/" + tenant + "/enterprise-changes/" + item.subjectRef();
    }

    @Override
    public Optional<Subject> subject(String tenant, ReviewItem item) {
        return changes.find(Long.parseLong(item.subjectRef())).map(c -> new Subject(c.enterpriseId(), "企业变更 " + c.id(),
                "enterprise change " + c.id(), "/t/" + tenant + "/account/enterprises/" + c.enterpriseId() + "/change"));
    }
}
