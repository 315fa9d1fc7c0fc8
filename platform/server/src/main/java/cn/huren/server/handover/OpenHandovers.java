package cn.huren.server.handover;

import cn.huren.server.membership.UnfinishedMatters;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import org.springframework.stereotype.Component;

/** APP-62: a handover or an appeal in review is an unfinished matter of the enterprise. */
@Component
class OpenHandovers implements UnfinishedMatters {

    private final TenantData data;

    OpenHandovers(TenantData data) {
        this.data = data;
    }

    @Override
    public List<Matter> of(long enterpriseId) {
        long open = data.jdbc().sql("select count(*) from admin_handover where enterprise_id = ? and state = 'SUBMITTED'")
                .param(enterpriseId).query(Long.class).single();
        return open == 0 ? List.of() : List.of(new Matter("handover-open",
                "a handover of the administrator role or an appeal is in review: wait for it or withdraw it first"));
    }
}
