package cn.huren.server.membership;

import cn.huren.server.notice.NoticeRecipients;
import cn.huren.server.tenancy.TenantData;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** An enterprise's notices (reviews decided, join requests) go to its ADMIN's account. */
@Component
class EnterpriseRecipients implements NoticeRecipients {

    private final TenantData data;

    EnterpriseRecipients(TenantData data) {
        this.data = data;
    }

    @Override
    public Set<Long> accountsOf(long partyId) {
        return new HashSet<>(data.jdbc().sql("""
                        select m.account_id from membership m join account a on a.id = m.account_id
                        where m.enterprise_id = ? and m.role = 'ADMIN' and m.status = 'ACTIVE' and a.status = 'ACTIVE'""")
                .param(partyId).query(Long.class).list());
    }
}
