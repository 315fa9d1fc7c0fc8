package cn.huren.server.membership;

import cn.huren.server.account.EnterpriseAdmins;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** ORD-04: the ADMIN of the one enterprise whose full name (exactly) or USCC is given; none when two share the name. */
@Component
class AdminByEnterpriseName implements EnterpriseAdmins {

    private final TenantData data;

    AdminByEnterpriseName(TenantData data) {
        this.data = data;
    }

    @Override
    public Optional<Long> adminAccount(String enterpriseNameOrUscc) {
        List<Long> admins = data.jdbc().sql("""
                        select m.account_id from membership m join party p on p.id = m.enterprise_id
                        where m.role = 'ADMIN' and m.status = 'ACTIVE' and p.kind = 'ENTERPRISE' and (p.name = ? or p.uscc = ?) limit 2""")
                .params(enterpriseNameOrUscc, enterpriseNameOrUscc.toUpperCase(Locale.ROOT)).query(Long.class).list();
        return admins.size() == 1 ? Optional.of(admins.get(0)) : Optional.empty();
    }
}
