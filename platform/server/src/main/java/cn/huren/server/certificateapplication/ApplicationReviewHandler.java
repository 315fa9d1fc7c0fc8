package cn.huren.server.certificateapplication;

import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A reviewer's decision on a certificate application's queue item: the CA issues it, or it is rejected, in the decision's transaction. */
@Component
class ApplicationReviewHandler implements ReviewHandler {

    private final ApplicationReview review;
    private final ApplicationStore store;

    ApplicationReviewHandler(ApplicationReview review, ApplicationStore store) {
        this.review = review;
        this.store = store;
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

    /** The applying party is told; the link is the application on the portal's certificates page. */
    @Override
    public Optional<Subject> subject(String tenant, ReviewItem item) {
        return store.find(Long.parseLong(item.subjectRef())).map(row -> {
            Application a = row.view();
            return new Subject(row.partyId(), "证书申请（" + KIND_ZH.get(a.kind()) + "）" + a.id(),
                    "certificate application " + a.id() + " (" + a.kind().name().toLowerCase(Locale.ROOT) + ")",
                    "/t/" + tenant + "/certificates#application-" + a.id());
        });
    }

    private static final Map<Application.Kind, String> KIND_ZH = Map.of(
            Application.Kind.ISSUE, "新办", Application.Kind.RENEW, "更新", Application.Kind.CHANGE, "变更");

    @Override
    public String page(String tenant, ReviewItem item) {
        return "/console/reviews/" + tenant + "/certificate-applications?state=ALL#application-" + item.subjectRef();
    }
}
