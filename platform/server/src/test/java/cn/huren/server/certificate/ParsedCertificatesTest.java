package cn.huren.server.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Parse results cached by certificate hash (issue 5 item 2), without a server. */
class ParsedCertificatesTest {

    final ParsedCertificates parsing = new ParsedCertificates();
    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Parse CA", KeyAlgorithm.SM2);

    @Test
    @DisplayName("the same bytes parse once: one result, keyed by SHA-256, with the key and the algorithm its holder signs with")
    void cachedByHash() throws Exception {
        byte[] der = ca.issue(Subject.of("x", "91350100M000100Y43", Map.of())).certificate().getEncoded();

        ParsedCertificates.Parsed first = parsing.parse(der);

        assertThat(parsing.parse(der.clone())).isSameAs(first);
        assertThat(first.sha256()).isEqualTo(Hashes.sha256Hex(der));
        assertThat(first.signingAlgorithm()).isEqualTo("SM3withSM2");
    }

    @Test
    @DisplayName("an issuer's signature is checked against its key; another CA's key does not verify it")
    void signedBy() throws Exception {
        ParsedCertificates.Parsed leaf = parsing.parse(ca.issue(Subject.of("x", null, Map.of())).certificate().getEncoded());
        ParsedCertificates.Parsed issuer = parsing.parse(ca.certificate().getEncoded());
        ParsedCertificates.Parsed stranger = parsing.parse(DemoCertificateAuthority.root("Parse CA", KeyAlgorithm.SM2).certificate().getEncoded());

        assertThat(parsing.signedBy(leaf, issuer)).isTrue();
        assertThat(parsing.signedBy(leaf, issuer)).isTrue();
        assertThat(parsing.signedBy(leaf, stranger)).isFalse();
    }

    @Test
    @DisplayName("garbage is refused as certificate-unreadable, and not cached as anything")
    void garbage() {
        assertThatThrownBy(() -> parsing.parse("garbage".getBytes())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.kind()).isEqualTo("certificate-unreadable"));
    }
}
