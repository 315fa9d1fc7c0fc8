package cn.huren.plugin.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point: what the plugin does with a reviewer's decision on its kind of item ({@link PluginReviews}),
 * called inside the decision's transaction and tenant: an exception undoes the decision and the item stays open.
 */
public interface ReviewDecisionHandler extends ExtensionPoint {

    /** The plugin's kind, as given to {@link PluginReviews#submit}. */
    String kind();

    /** @param reviewer who decided, as the ledger names actors: {@code reviewer:<username>} */
    void approved(String subjectRef, String reviewer);

    /** @param reviewer who decided, as the ledger names actors: {@code reviewer:<username>} */
    void rejected(String subjectRef, String reason, String reviewer);

    /** What the reviewer sees of the subject beside the summary (label → value), e.g. the reason and the identity checks. */
    default java.util.Map<String, String> details(String subjectRef) {
        return java.util.Map.of();
    }
}
