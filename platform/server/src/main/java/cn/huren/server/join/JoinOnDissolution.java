package cn.huren.server.join;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.EnterpriseDissolved;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * APP-67: a dissolved enterprise's pending requests to join go back (told, in their history), its join link stops
 * working and its open invitations lapse; each on the ledger.
 */
@Component
class JoinOnDissolution {

    private final TenantData data;
    private final Clock clock;
    private final JoinRequests requests;
    private final ChangeLedger ledger;

    JoinOnDissolution(TenantData data, Clock clock, JoinRequests requests, ChangeLedger ledger) {
        this.data = data;
        this.clock = clock;
        this.requests = requests;
        this.ledger = ledger;
    }

    @EventListener
    void on(EnterpriseDissolved dissolved) {
        long enterprise = dissolved.enterpriseId();
        requests.returnAllPending(enterprise, "企业已解散 / the enterprise was dissolved", dissolved.actor());
        Timestamp now = Timestamp.from(clock.instant());
        for (long link : data.jdbc().sql("update join_link set retired_at = ? where enterprise_id = ? and retired_at is null returning id")
                .params(now, enterprise).query(Long.class).list()) {
            ledger.append(dissolved.actor(), "join_link", Long.toString(link), "RETIRE", Map.of("enterpriseId", enterprise, "dissolution", true));
        }
        for (long invitation : data.jdbc().sql("update join_invitation set expires_at = ? where enterprise_id = ? and state = 'PENDING' "
                + "and expires_at > ? returning id").params(now, enterprise, now).query(Long.class).list()) {
            ledger.append(dissolved.actor(), "join_invitation", Long.toString(invitation), "LAPSE", Map.of("enterpriseId", enterprise, "dissolution", true));
        }
    }
}
