package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A CA's revocation of a bound certificate reaches the trading systems through the outbox. */
@IntegrationTest
class DemoCaRevocationEventTest {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    @Test
    @DisplayName("X-03, X-04: revoking a bound certificate publishes certificate.revoked for its party in the revocation's transaction; "
            + "an unbound one publishes nothing")
    void revocationPublished() throws Exception {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("rev3", "jiangsu"));
        op.post("/api/platform/tenants/rev3/demo-ca", null);
        DemoCaClient bound = new DemoCaClient(port, "SM2");
        String serial = bound.enroll("rev3", "ENTERPRISE", "91110000802100433B", "北京事件示例公司").json().get("serialNumber").asText();
        String token = bound.login("rev3").json().get("token").asText();
        assertThat(bound.me("POST", "rev3", "/register", token).statusCode()).isEqualTo(201);
        DemoCaClient unbound = new DemoCaClient(port, "RSA");
        String other = unbound.enroll("rev3", "ENTERPRISE", "91110000802100433B", "北京事件示例公司").json().get("serialNumber").asText();

        Map<String, Object> reason = Map.of("reason", "KEY_COMPROMISE");
        assertThat(op.post("/api/platform/tenants/rev3/demo-ca/revocations", Map.of("serial", other, "reason", "SUPERSEDED")).status())
                .isEqualTo(200);
        assertThat(op.post("/api/platform/tenants/rev3/demo-ca/revocations", Map.of("serial", serial, "reason", reason.get("reason")))
                .status()).isEqualTo(200);

        List<String> revoked = TenantContext.callAs(tenants.require("rev3"), () -> data.jdbc()
                .sql("select body from outbox_event where type = 'certificate.revoked' order by seq").query(String.class).list());
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0)).contains("\"serial\":\"" + serial + "\"").contains("\"status\":\"REVOKED\"")
                .contains("\"cause\":\"CA_REVOKED\"").contains("\"reason\":\"KEY_COMPROMISE\"");
    }
}
