package cn.huren.server.binding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A CA revokes a bound certificate on its CRL (served by WireMock): the sweep finds it without anyone logging in. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaRevocationSweepTest {

    static final String TENANT = "crsw1";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    CaRevocationSweep sweep;
    @Autowired
    TestClock clock;

    final WireMockServer crls = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Sweep CA", KeyAlgorithm.SM2);
    PartyClient client;

    @BeforeAll
    void setUp() {
        crls.start();
        client = new PartyClient(port);
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu"));
        HttpApi.Reply trusted = HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/cas", Map.of("name", "Sweep CA",
                "certificate", ca.pem(), "identity", Map.of("source", "OID", "oid", PartyClient.IDENTITY_OID),
                "crlUrl", crls.baseUrl() + "/sweep.crl"));
        assertThat(trusted.status()).as(trusted.body()).isEqualTo(201);
    }

    @AfterEach
    void putClockBack() {
        clock.reset();
    }

    @AfterAll
    void tearDown() {
        crls.stop();
    }

    /** A CRL valid for {@code seconds}: the server keeps it that long, then fetches again. */
    void serveCrl(Map<BigInteger, DemoCertificateAuthority.Revoked> revoked, int seconds) {
        byte[] crl = ca.crl(Instant.now().minusSeconds(60), Instant.now().plusSeconds(seconds), revoked, BigInteger.valueOf(System.nanoTime()));
        crls.stubFor(get(urlEqualTo("/sweep.crl")).willReturn(aResponse().withStatus(200).withBody(crl)));
    }

    <T> List<T> rows(Class<T> type, String sql, Object... params) {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc().sql(sql).params(params).query(type).list());
    }

    int sweep() {
        return tenants.callAs(TENANT, sweep::sweep);
    }

    @Test
    @DisplayName("X-03, X-04: a bound certificate its CA revoked is found by the sweep without a login: its sessions end, trading systems "
            + "get one certificate.revoked (CA_REVOKED); a later sweep, or the CA's CRL unreachable, tells nothing more")
    void revokedOnTheCrlIsReportedOnce() throws Exception {
        Issued primary = PartyClient.enterpriseCertificate(ca, "扫描企业", "91350100M000100Y43");
        Issued staff = PartyClient.enterpriseCertificate(ca, "扫描企业", "91350100M000100Y43");
        serveCrl(Map.of(), 4);
        List<String> tokens = client.enterprise(TENANT, primary, staff);
        assertThat(sweep()).as("nothing revoked yet").isZero();

        crls.stubFor(get(urlEqualTo("/sweep.crl")).willReturn(aResponse().withStatus(503)));
        clock.move(Duration.ofSeconds(5)); // the cached CRL's nextUpdate passes: the next check fetches again
        assertThat(sweep()).as("an unreachable CRL decides nothing").isZero();

        BigInteger serial = staff.certificate().getSerialNumber();
        serveCrl(Map.of(serial, new DemoCertificateAuthority.Revoked(Instant.now().minusSeconds(5), 1)), 60);
        assertThat(sweep()).isEqualTo(1);
        assertThat(client.call("GET", TENANT, "", tokens.get(1), null).statusCode()).as("the revoked certificate's session ended")
                .isEqualTo(401);
        assertThat(client.call("GET", TENANT, "", tokens.get(0), null).statusCode()).as("the primary's is untouched").isEqualTo(200);
        List<String> events = rows(String.class, "select body from outbox_event where type = 'certificate.revoked'");
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).contains("\"cause\":\"CA_REVOKED\"", "\"serial\":\"" + serial.toString(16).toUpperCase());

        assertThat(sweep()).as("told once").isZero();
        assertThat(rows(Long.class, "select count(*) from outbox_event where type = 'certificate.revoked'")).containsExactly(1L);
    }
}
