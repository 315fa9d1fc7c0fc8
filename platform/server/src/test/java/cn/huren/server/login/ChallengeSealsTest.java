package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.SecretBox;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sealed challenge ids, without a server: a per-tenant key stands in for the one derived from the master key. */
class ChallengeSealsTest {

    private final ChallengeSeals seals = new ChallengeSeals(secrets());
    private final Instant expires = Instant.parse("2030-01-02T03:04:05Z");

    private static SecretBox secrets() {
        SecretBox box = mock(SecretBox.class);
        when(box.derive(anyString())).thenAnswer(call -> Hashes.sha256().digest(call.<String>getArgument(0).getBytes(StandardCharsets.UTF_8)));
        return box;
    }

    private static <T> T in(String tenant, Supplier<T> work) {
        return TenantContext.callAs(new TenantDescriptor(tenant, tenant, tenant, TenantStatus.ACTIVE, "jiangsu", List.of(tenant + ".localhost"), null),
                work);
    }

    @Test
    @DisplayName("an id opens to the expiry (to the second) and mode it was issued with; it is an RFC 9562 version-8 UUID")
    void roundTrip() {
        for (CertificateLogin.Mode mode : CertificateLogin.Mode.values()) {
            UUID id = in("sa", () -> seals.issue(mode, expires.plusMillis(700)));
            assertThat(id.version()).isEqualTo(8);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(in("sa", () -> seals.open(id))).contains(new ChallengeSeals.Sealed(expires, mode));
        }
    }

    @Test
    @DisplayName("a changed bit, another tenant's id or any other UUID opens to nothing")
    void forgeries() {
        UUID id = in("sa", () -> seals.issue(CertificateLogin.Mode.TOKEN, expires));
        UUID later = new UUID(id.getMostSignificantBits() + (1L << 32), id.getLeastSignificantBits()); // expiry + 1 s
        UUID mobile = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() ^ (0x20L << 56)); // mode bit

        assertThat(in("sa", () -> seals.open(later))).isEmpty();
        assertThat(in("sa", () -> seals.open(mobile))).isEmpty();
        assertThat(in("sb", () -> seals.open(id))).as("sealed with tenant sa's key").isEmpty();
        assertThat(in("sa", () -> seals.open(UUID.randomUUID()))).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("ids of one second differ; the nonce is fixed by the id and the tenant, 18 bytes base64url")
    void noncesAndUniqueness() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(in("sa", () -> seals.issue(CertificateLogin.Mode.MOBILE, expires)));
        }
        assertThat(ids).hasSize(1000);

        UUID id = ids.iterator().next();
        String nonce = in("sa", () -> seals.nonce(id));
        assertThat(nonce).matches("[A-Za-z0-9_-]{24}").isEqualTo(in("sa", () -> seals.nonce(id)));
        assertThat(in("sb", () -> seals.nonce(id))).isNotEqualTo(nonce);
        assertThat(in("sa", () -> seals.nonce(ids.stream().skip(1).findFirst().orElseThrow()))).isNotEqualTo(nonce);
    }
}
