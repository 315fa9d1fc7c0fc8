package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ReviewDecisionHandler;
import java.util.Map;
import org.pf4j.Extension;

/** NMG-06: the tenant reviewer's decision on a 解绑 request (kind {@code unbinding}), in the decision's transaction. */
@Extension
public class UnbindingReviews implements ReviewDecisionHandler {

    private final Unbindings unbindings;

    UnbindingReviews(Unbindings unbindings) {
        this.unbindings = unbindings;
    }

    @Override
    public String kind() {
        return Unbindings.KIND;
    }

    @Override
    public void approved(String subjectRef, String reviewer) {
        unbindings.approved(Long.parseLong(subjectRef), reviewer);
    }

    @Override
    public void rejected(String subjectRef, String reason, String reviewer) {
        unbindings.rejected(Long.parseLong(subjectRef), reason, reviewer);
    }

    @Override
    public Map<String, String> details(String subjectRef) {
        return unbindings.details(Long.parseLong(subjectRef));
    }
}
