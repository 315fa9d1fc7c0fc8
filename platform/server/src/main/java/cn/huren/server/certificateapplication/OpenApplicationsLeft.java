package cn.huren.server.certificateapplication;

import cn.huren.server.account.ClosureCheck;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * APP-103: an application in review or a certificate issued and not yet downloaded is a certificate on its way; the
 * account waits for it (or cancels the application) before it closes.
 */
@Component
class OpenApplicationsLeft implements ClosureCheck {

    private final TenantData data;

    OpenApplicationsLeft(TenantData data) {
        this.data = data;
    }

    @Override
    public List<Left> left(long accountId, Long partyId) {
        if (partyId == null) {
            return List.of();
        }
        long open = data.jdbc().sql("select count(*) from certificate_application where party_id = ? and state in ('IN_REVIEW', 'AWAITING_DOWNLOAD')")
                .param(partyId).query(Long.class).single();
        return open == 0 ? List.of() : List.of(new Left("certificate-applications-open",
                open + " certificate application(s) in review or waiting for download: cancel or finish them first"));
    }
}
