package cn.huren.server.enterprisechange;

import cn.huren.server.membership.UnfinishedMatters;
import java.util.List;
import org.springframework.stereotype.Component;

/** APP-62: an enterprise change in review is an unfinished matter (one open change per enterprise). */
@Component
class OpenChanges implements UnfinishedMatters {

    private final EnterpriseChanges changes;

    OpenChanges(EnterpriseChanges changes) {
        this.changes = changes;
    }

    @Override
    public List<Matter> of(long enterpriseId) {
        return changes.open(enterpriseId).map(c -> List.of(new Matter("enterprise-change-open",
                "企业变更 " + c.id() + " 审核中 / enterprise change " + c.id() + " is in review"))).orElse(List.of());
    }
}
