package cn.huren.server.review;

/**
 * What a feature does with a reviewer's decision on its kind of item, called by {@link ReviewQueue}
 * inside the decision's transaction, in the item's tenant: a refusal or failure here (an ApiException)
 * undoes the decision, and the item stays OPEN.
 */
public interface ReviewHandler {

    /** The kind of item this handler decides (e.g. {@code certificate-application}). */
    String kind();

    void approved(ReviewItem item, String reviewer);

    void rejected(ReviewItem item, String reason, String reviewer);

    /** The console page (path) where the reviewer sees the subject in full, if the feature has one; {@code tenant} is the code. */
    default String page(String tenant, ReviewItem item) {
        return null;
    }
}
