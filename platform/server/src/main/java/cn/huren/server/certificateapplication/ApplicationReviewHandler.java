package cn.huren.server.certificateapplication;

import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import org.springframework.stereotype.Component;

/** A reviewer's decision on a certificate application's queue item: the CA issues it, or it is rejected, in the decision's transaction. */
@Component
class ApplicationReviewHandler implements ReviewHandler {

    private final ApplicationReview review;

    ApplicationReviewHandler(ApplicationReview review) {
        this.review = review;
    }

    @Override
    public String kind() {
        return ApplicationReview.KIND;
    }

    @Override
    public void approved(ReviewItem item, String reviewer) {
        review.issue(Long.parseLong(item.subjectRef()), reviewer);
    }

    @Override
    public void rejected(ReviewItem item, String reason, String reviewer) {
        review.refuse(Long.parseLong(item.subjectRef()), reason, reviewer);
    }

    @Override
    public String page(String tenant, ReviewItem item) {
        return "/console/reviews/" + tenant + "/certificate-applications?state=ALL#application-" + item.subjectRef();
    }
}
