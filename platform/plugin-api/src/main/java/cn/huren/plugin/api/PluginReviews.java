package cn.huren.plugin.api;

import java.util.Optional;

/**
 * Host service: puts an item of the plugin's own kind on the current tenant's review queue (the console's tenant
 * reviewers decide it, like certificate applications). The decision comes back to the plugin's
 * {@link ReviewDecisionHandler} for that kind. Joins the caller's transaction.
 */
public interface PluginReviews {

    /**
     * @param kind       the plugin's kind, e.g. {@code unbinding}; the queue shows it as {@code <pluginId>.<kind>}
     * @param subjectRef the plugin's id of the subject (unique per kind while open)
     * @param summary    one line the reviewer sees in the queue
     * @return the review item's id
     */
    long submit(String kind, String subjectRef, String summary, String submittedBy);

    /** The open item of that kind and subject, if any: its id. */
    Optional<Long> open(String kind, String subjectRef);
}
