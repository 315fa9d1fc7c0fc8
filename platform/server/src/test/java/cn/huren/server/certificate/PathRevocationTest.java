package cn.huren.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every certificate of a chain below the root is checked against its issuer's CRL or OCSP, not only the leaf. */
@IntegrationTest
class PathRevocationTest extends RevocationTestBase {

    @Override
    String tenant() {
        return "path1";
    }

    static Subject holder() {
        return Subject.of("示例", "91350100M000100Y43", Map.of());
    }

    byte[] crl(DemoCertificateAuthority ca) {
        return ca.crl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("X-04: an uploaded intermediate CA revoked on its root's CRL refuses its leaves; an intact one passes")
    void revokedUploadedIntermediate() {
        DemoCertificateAuthority root = fixture.trust(DemoCertificateAuthority.root("prRoot", KeyAlgorithm.SM2), "prRoot", fixture.crlUrl("prRoot"), null);
        DemoCertificateAuthority intact = fixture.trust(root.intermediate("prIntact"), "prIntact", fixture.crlUrl("prIntact"), null);
        DemoCertificateAuthority revoked = fixture.trust(root.intermediate("prRevoked"), "prRevoked", fixture.crlUrl("prRevoked"), null);
        root.revoke(revoked.certificate());
        fixture.serveCrl("prRoot", crl(root));
        fixture.serveCrl("prIntact", crl(intact));
        fixture.serveCrl("prRevoked", crl(revoked));

        assertThat(fixture.verify(intact.issue(holder()).certificate()).caName()).isEqualTo("prIntact");
        assertThat(fixture.refused(revoked.issue(holder()).certificate(), "certificate-revoked").getMessage())
                .contains("CA certificate", "prRevoked", "prRoot");
    }

    @Test
    @DisplayName("X-04: a presented intermediate is checked on its root's OCSP, and its leaves on the CRL their distribution point names")
    void presentedIntermediate() {
        DemoCertificateAuthority root = fixture.trust(DemoCertificateAuthority.root("prOcspRoot", KeyAlgorithm.EC), "prOcspRoot", null,
                fixture.ocspUrl("prOcspRoot"));
        OcspResponder.Plan plan = OcspResponder.Plan.by(root);
        fixture.answerOcsp("prOcspRoot", plan);
        DemoCertificateAuthority presented = root.intermediate("prPresented");
        DemoCertificateAuthority withdrawn = root.intermediate("prWithdrawn");
        plan.revoked().add(withdrawn.certificate().getSerialNumber());

        X509Certificate good = leaf(presented, "prPresented");
        X509Certificate revokedLeaf = leaf(presented, "prPresented");
        presented.revoke(revokedLeaf);
        fixture.serveCrl("prPresented", crl(presented));

        assertThat(fixture.verify(good, presented.certificate()).caName()).as("the root's mapping applies").isEqualTo("prOcspRoot");
        fixture.refused(revokedLeaf, "certificate-revoked", presented.certificate());
        assertThat(fixture.refused(leaf(withdrawn, "prWithdrawn"), "certificate-revoked", withdrawn.certificate()).getMessage())
                .contains("CA certificate", "prWithdrawn", "prOcspRoot");
    }

    /** A leaf whose CRL distribution point is the fixture's CRL of {@code name}. */
    X509Certificate leaf(DemoCertificateAuthority ca, String name) {
        return ca.certify(holder(), DemoCertificateAuthority.keyPair(ca.algorithm()).getPublic(), fixture.crlUrl(name));
    }
}
