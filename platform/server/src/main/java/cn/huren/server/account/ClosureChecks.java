package cn.huren.server.account;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The core's {@link ClosureCheck}s: bound bank cards (APP-104) and certificates of the person's party not revoked. */
@Configuration(proxyBeanMethods = false)
class ClosureChecks {

    @Bean
    ClosureCheck bankCardsLeft(TenantData data) {
        return (accountId, partyId) -> {
            long bound = data.jdbc().sql("select count(*) from bank_card where account_id = ? and unbound_at is null")
                    .param(accountId).query(Long.class).single();
            return bound == 0 ? List.of() : List.of(new ClosureCheck.Left("bank-cards-bound",
                    bound + " bank card(s) still bound: unbind them first (银行卡管理)"));
        };
    }

    @Bean
    ClosureCheck certificatesLeft(CertificateBindings bindings) {
        return (accountId, partyId) -> {
            long left = partyId == null ? 0 : bindings.unrevokedCount(partyId);
            return left == 0 ? List.of() : List.of(new ClosureCheck.Left("certificates-not-revoked",
                    left + " certificate(s) of yours not revoked: revoke them first (证书注销)"));
        };
    }
}
