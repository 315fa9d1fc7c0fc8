package cn.huren.server.plugins.reviewplugin;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.ReviewDecisionHandler;
import java.util.Map;
import org.pf4j.Extension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test plugin's handler of kind {@code check} (its class file goes into the plugin jar, so the plugin loads it): records
 * decisions in {@link ReviewTestCalls}; for subject {@code undo} it writes through the host's JdbcClient and then refuses.
 */
@Extension
public class RecordingDecisions implements ReviewDecisionHandler {

    private final JdbcClient jdbc;

    public RecordingDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "check";
    }

    @Override
    public void approved(String subjectRef, String reviewer) {
        if ("undo".equals(subjectRef)) {
            jdbc.sql("update review_item set summary = 'changed by the handler' where subject_ref = 'undo'").update();
            throw new PluginProblem(409, "check-refused", "the subject changed meanwhile");
        }
        ReviewTestCalls.CALLS.add("approved " + subjectRef + " by " + reviewer);
    }

    @Override
    public void rejected(String subjectRef, String reason, String reviewer) {
        ReviewTestCalls.CALLS.add("rejected " + subjectRef + ": " + reason + " by " + reviewer);
    }

    @Override
    public Map<String, String> details(String subjectRef) {
        return Map.of("原因", "钥匙遗失 " + subjectRef);
    }
}
