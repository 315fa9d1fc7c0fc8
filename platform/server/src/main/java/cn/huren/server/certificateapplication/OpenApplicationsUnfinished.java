package cn.huren.server.certificateapplication;

import cn.huren.server.membership.UnfinishedMatters;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * APP-62: an enterprise's certificate application in review or waiting for download (a CHANGE made by an approved name
 * change among them) is an unfinished matter: the enterprise changes or dissolves after it is finished or cancelled.
 */
@Component
class OpenApplicationsUnfinished implements UnfinishedMatters {

    private final TenantData data;

    OpenApplicationsUnfinished(TenantData data) {
        this.data = data;
    }

    @Override
    public List<Matter> of(long enterpriseId) {
        long open = data.jdbc().sql("select count(*) from certificate_application where party_id = ? and state in ('IN_REVIEW', 'AWAITING_DOWNLOAD')")
                .param(enterpriseId).query(Long.class).single();
        return open == 0 ? List.of() : List.of(new Matter("certificate-applications-open",
                "证书申请 " + open + " 项审核中或待下载 / " + open + " certificate application(s) in review or waiting for download"));
    }
}
