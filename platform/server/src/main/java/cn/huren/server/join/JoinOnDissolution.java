package cn.huren.server.join;

import cn.huren.server.membership.EnterpriseDissolved;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** APP-67: a dissolved enterprise's join link stops working and its open invitations lapse (declined). */
@Component
class JoinOnDissolution {

    private final TenantData data;
    private final Clock clock;

    JoinOnDissolution(TenantData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @EventListener
    void on(EnterpriseDissolved dissolved) {
        Timestamp now = Timestamp.from(clock.instant());
        data.jdbc().sql("update join_link set retired_at = ? where enterprise_id = ? and retired_at is null").params(now, dissolved.enterpriseId()).update();
        data.jdbc().sql("update join_invitation set state = 'DECLINED', decided_at = ? where enterprise_id = ? and state = 'PENDING'")
                .params(now, dissolved.enterpriseId()).update();
    }
}
