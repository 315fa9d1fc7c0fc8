package cn.huren.server.notice;

import cn.huren.server.tenancy.TenantData;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** A natural person's party: the person's own active account (account.party_id), if the person has one. */
@Component
class PersonAccountRecipients implements NoticeRecipients {

    private final TenantData data;

    PersonAccountRecipients(TenantData data) {
        this.data = data;
    }

    @Override
    public Set<Long> accountsOf(long partyId) {
        return new HashSet<>(data.jdbc().sql("select id from account where party_id = ? and status = 'ACTIVE'")
                .param(partyId).query(Long.class).list());
    }
}
