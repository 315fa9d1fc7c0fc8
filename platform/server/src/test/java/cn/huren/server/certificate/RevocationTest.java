package cn.huren.server.certificate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.support.ApiException;
import com.github.tomakehurst.wiremock.http.Fault;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CRLs served over HTTP by WireMock, signed by real CAs. */
@IntegrationTest
class RevocationTest extends RevocationTestBase {

    @Autowired
    TestClock clock;

    @AfterEach
    void putClockBack() {
        clock.reset();
    }

    @Override
    String tenant() {
        return "crl1";
    }

    DemoCertificateAuthority trustedWithCrl(String name) {
        return fixture.trust(DemoCertificateAuthority.root(name, KeyAlgorithm.SM2), name, fixture.crlUrl(name), null);
    }

    void serve(String name, byte[] crl) {
        fixture.serveCrl(name, crl);
    }

    X509Certificate cert(DemoCertificateAuthority ca) {
        return ca.issue(Subject.of("示例", "91350100M000100Y43", Map.of())).certificate();
    }

    VerifiedCertificate verify(X509Certificate cert) {
        return fixture.verify(cert);
    }

    void refused(X509Certificate cert, String kind) {
        fixture.refused(cert, kind);
    }

    @Test
    @DisplayName("X-04: a revoked certificate is refused; the CRL is fetched once and cached until its nextUpdate")
    void revokedAndCached() {
        DemoCertificateAuthority ca = trustedWithCrl("caA");
        X509Certificate revoked = cert(ca);
        X509Certificate good = cert(ca);
        ca.revoke(revoked);
        serve("caA", ca.crl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1))));

        refused(revoked, "certificate-revoked");
        for (int i = 0; i < 3; i++) {
            assertThat(verify(good).caName()).isEqualTo("caA");
        }
        fixture.server.verify(1, getRequestedFor(urlEqualTo("/crl/caA.crl")));
    }

    @Test
    @DisplayName("a CRL past its nextUpdate is refetched; if the new one is still outdated, the CA's certificates are refused (fail closed)")
    void refetchedWhenDueAndOutdatedFailsClosed() {
        DemoCertificateAuthority ca = trustedWithCrl("caB");
        X509Certificate cert = cert(ca);
        serve("caB", ca.crl(Instant.now().minusSeconds(60), Instant.now().plusSeconds(2)));
        assertThat(verify(cert).caName()).isEqualTo("caB");

        clock.move(Duration.ofSeconds(3)); // past the cached CRL's nextUpdate
        ca.revoke(cert);
        serve("caB", ca.crl(Instant.now().minusSeconds(1), Instant.now().plus(Duration.ofHours(1))));
        refused(cert, "certificate-revoked");

        DemoCertificateAuthority stale = trustedWithCrl("caC");
        serve("caC", stale.crl(Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(1))));
        refused(cert(stale), "crl-outdated");
    }

    @Test
    @DisplayName("a CRL that cannot be fetched (500, connection reset) or is signed by another key: refused with the CA named")
    void unavailableCrls() {
        DemoCertificateAuthority failing = trustedWithCrl("caD");
        fixture.server.stubFor(get(urlEqualTo("/crl/caD.crl")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> verify(cert(failing))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo("crl-unavailable");
            assertThat(e.getMessage()).contains("caD");
        });

        DemoCertificateAuthority reset = trustedWithCrl("caE");
        fixture.server.stubFor(get(urlEqualTo("/crl/caE.crl")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        refused(cert(reset), "crl-unavailable");

        DemoCertificateAuthority forged = trustedWithCrl("caF");
        serve("caF", DemoCertificateAuthority.root("caF", KeyAlgorithm.SM2).crl(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)));
        refused(cert(forged), "crl-unavailable");
    }
}
