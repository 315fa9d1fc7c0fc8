package cn.huren.server.enterpriseinfo;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.EnterpriseDissolved;
import cn.huren.server.tenancy.TenantData;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** APP-67: a dissolved enterprise's information (basic, invoice, contact) is deleted; the ledger keeps that it was. */
@Component
class ProfileOnDissolution {

    private final TenantData data;
    private final ChangeLedger ledger;

    ProfileOnDissolution(TenantData data, ChangeLedger ledger) {
        this.data = data;
        this.ledger = ledger;
    }

    @EventListener
    void on(EnterpriseDissolved dissolved) {
        int deleted = data.jdbc().sql("delete from enterprise_profile where enterprise_id = ?").param(dissolved.enterpriseId()).update();
        if (deleted > 0) {
            ledger.append(dissolved.actor(), "enterprise-profile", Long.toString(dissolved.enterpriseId()), "DELETE",
                    Map.of("enterpriseId", dissolved.enterpriseId(), "sections", deleted));
        }
    }
}
