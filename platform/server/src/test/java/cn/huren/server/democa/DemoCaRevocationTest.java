package cn.huren.server.democa;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.HurenApplication;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/** Revocation by the tenant's demo CA, with its CRL fetched over real HTTP from Huren itself; and what survives a restart. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCaRevocationTest {

    static final String USCC = "91110000802100433B";

    @LocalServerPort
    int port;

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("rev1", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("rev2", "neimenggu"));
        op.post("/api/platform/tenants/rev1/demo-ca", null);
        op.post("/api/platform/tenants/rev2/demo-ca", null);
    }

    Reply revoke(int serverPort, String tenant, String serial) {
        return HttpApi.operator(serverPort).post("/api/platform/tenants/" + tenant + "/demo-ca/revocations",
                Map.of("serial", serial, "reason", "KEY_COMPROMISE"));
    }

    @Test
    @DisplayName("X-04: a certificate revoked by the demo CA is refused at the next login (CRL served by Huren over HTTP, short nextUpdate); revocation is final")
    void revokedRefusedAtNextLogin() throws Exception {
        DemoCaClient holder = new DemoCaClient(port, "SM2");
        String serial = holder.enroll("rev1", "ENTERPRISE", USCC, "北京示例公司").json().get("serialNumber").asText();
        assertThat(holder.login("rev1").status()).as("the CRL is fetched and cached").isEqualTo(200);

        Reply revoked = revoke(port, "rev1", serial.toLowerCase());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("reason").asText()).isEqualTo("KEY_COMPROMISE");

        Reply refused = holder.login("rev1");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-revoked");

        X509CRL crl = DemoCaClient.crl("http://127.0.0.1:" + port + "/demo-ca/rev1/sm2.crl");
        JsonNode chain = HttpApi.operator(port).get("/api/platform/tenants/rev1/demo-ca").json();
        crl.verify(DemoCaEnrollmentTest.parse(chain.get(1).get("certificate").asText()).getPublicKey(), DemoCaClient.BC);
        assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
        assertThat(crl.getNextUpdate().toInstant()).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(6)));

        Reply twice = revoke(port, "rev1", serial);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("type").asText()).isEqualTo("urn:huren:problem:already-revoked");
        assertThat(revoke(port, "rev1", "ABCDEF0123").status()).isEqualTo(404);
        assertThat(revoke(port, "rev1", "not hex!").status()).isEqualTo(400);
        assertThat(revoke(port, "rev2", serial).status()).as("another tenant's CA never issued it").isEqualTo(404);
        JsonNode listed = HttpApi.operator(port).get("/api/platform/tenants/rev1/demo-ca/certificates").json();
        assertThat(listed.findValuesAsText("revocationReason")).contains("KEY_COMPROMISE");
        assertThat(HttpApi.operator(port).get("/api/platform/operations?action=demo-ca.revoke&target=rev1").body()).contains("REFUSED");
    }

    @Test
    @DisplayName("the demo CA survives a restart: another server on the same database restores its sealed keys, trusts the same roots, "
            + "logs in and revokes certificates issued before")
    void survivesRestart() throws Exception {
        DemoCaClient before = new DemoCaClient(port, "RSA");
        String serial = before.enroll("rev2", "ENTERPRISE", USCC, "内蒙古示例公司").json().get("serialNumber").asText();
        JsonNode roots = HttpApi.operator(port).get("/api/platform/tenants/rev2/demo-ca").json();

        ConfigurableApplicationContext restarted = new SpringApplicationBuilder(HurenApplication.class).profiles("it")
                .properties("server.port=0").run();
        try {
            int other = restarted.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            JsonNode again = HttpApi.operator(other).post("/api/platform/tenants/rev2/demo-ca", null).json();
            assertThat(again.findValuesAsText("certificate")).isEqualTo(roots.findValuesAsText("certificate"));
            assertThat(again.findValuesAsText("crlUrl")).allMatch(url -> url.startsWith("http://127.0.0.1:" + other + "/"));

            DemoCaClient after = new DemoCaClient(other, "SM2");
            assertThat(after.enroll("rev2", "ENTERPRISE", USCC, "内蒙古示例公司").status()).isEqualTo(201);
            assertThat(after.login("rev2").status()).isEqualTo(200);
            assertThat(before.on(other).login("rev2").status()).as("a certificate issued before the restart").isEqualTo(200);
            assertThat(revoke(other, "rev2", serial).status()).isEqualTo(200);
            assertThat(before.on(other).login("rev2").status()).isEqualTo(403);
            assertThat(DemoCaClient.crl("http://127.0.0.1:" + other + "/demo-ca/rev2/rsa.crl").getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
        } finally {
            restarted.close();
            HttpApi.operator(port).post("/api/platform/tenants/rev2/demo-ca", null);
        }
        assertThat(before.login("rev2").status()).as("revoked on the other server, refused here too").isEqualTo(403);
    }
}
