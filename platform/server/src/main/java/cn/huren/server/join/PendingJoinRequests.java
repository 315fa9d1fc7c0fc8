package cn.huren.server.join;

import cn.huren.server.membership.UnfinishedMatters;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import org.springframework.stereotype.Component;

/** APP-62: requests to join that wait for the ADMIN are the enterprise's unfinished matters. */
@Component
class PendingJoinRequests implements UnfinishedMatters {

    private final TenantData data;

    PendingJoinRequests(TenantData data) {
        this.data = data;
    }

    @Override
    public List<Matter> of(long enterpriseId) {
        long pending = data.jdbc().sql("select count(*) from join_request where enterprise_id = ? and state = 'PENDING'")
                .param(enterpriseId).query(Long.class).single();
        return pending == 0 ? List.of() : List.of(new Matter("join-requests-pending",
                pending + " request(s) to join wait for the administrator: approve or return them first"));
    }
}
