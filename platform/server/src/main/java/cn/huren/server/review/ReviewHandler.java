package cn.huren.server.review;

import java.util.Optional;

/**
 * What a feature does with a reviewer's decision on its kind of item, called by {@link ReviewQueue}
 * inside the decision's transaction, in the item's tenant: a refusal or failure here (an ApiException)
 * undoes the decision, and the item stays OPEN.
 */
public interface ReviewHandler {

    /** The kind of item this handler decides (e.g. {@code certificate-application}). */
    String kind();

    /** Whether this handler decides items of {@code kind}: its own {@link #kind()}; a handler of a family of kinds says more. */
    default boolean decides(String kind) {
        return kind().equals(kind);
    }

    void approved(ReviewItem item, String reviewer);

    void rejected(ReviewItem item, String reason, String reviewer);

    /** The console page (path) where the reviewer sees the subject in full, if the feature has one; {@code tenant} is the code. */
    default String page(String tenant, ReviewItem item) {
        return null;
    }

    /** What the reviewer sees of the subject beside the summary (label → value, in order), in the item's tenant. */
    default java.util.Map<String, String> details(ReviewItem item) {
        return java.util.Map.of();
    }

    /**
     * Who a decision on the item is told to (the party whose request it is: each account receiving the party's
     * notices gets one) and how the notice names the subject; empty: nobody to tell. Called in the decision's
     * transaction and tenant, after {@link #approved} or {@link #rejected}. The queue writes the notice.
     */
    default Optional<Subject> subject(String tenant, ReviewItem item) {
        return Optional.empty();
    }

    /**
     * The subject of a decision as its notice names it: the party told, the subject's name in Chinese and English
     * (e.g. "证书申请（新办）12", "certificate application 12 (issue)"), and its portal page (a local path) or null.
     */
    record Subject(long partyId, String nameZh, String nameEn, String link) {
    }
}
