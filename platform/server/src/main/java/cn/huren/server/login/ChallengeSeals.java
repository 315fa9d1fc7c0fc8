package cn.huren.server.login;

import cn.huren.server.support.SecretBox;
import cn.huren.server.tenancy.TenantContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Login challenges that need no row until something happens to them: the id itself carries the
 * expiry and mode, sealed with a per-tenant HMAC key derived from the master key, and the nonce is
 * derived from the id. Issuing a challenge is therefore free of database work on every node; the
 * single use is enforced when the answer (or a scan) first writes the challenge's row.
 *
 * <p>Layout of the 16 bytes (an RFC 9562 version-8 UUID): bytes 0–3 the expiry in epoch seconds;
 * 4–5 random; 6 the version nibble and 4 random bits; 7 random; 8 the variant bits, the mode bit and
 * 5 random bits; 9–15 the first 7 bytes of HMAC-SHA256(tenant key, bytes 0–8). The 33 random bits
 * tell apart the challenges of one tenant within one second (a rare collision only refuses the
 * second answer as already used); a forged or another tenant's id passes with odds of 2^-56 a try.
 */
@Component
class ChallengeSeals {

    /** What a genuine id says about its challenge. */
    record Sealed(Instant expiresAt, CertificateLogin.Mode mode) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAC_BYTES = 7;

    private final SecretBox secrets;
    private final ConcurrentHashMap<String, Mac> prototypes = new ConcurrentHashMap<>();

    ChallengeSeals(SecretBox secrets) {
        this.secrets = secrets;
    }

    UUID issue(CertificateLogin.Mode mode, Instant expiresAt) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        ByteBuffer.wrap(b).putInt(0, (int) expiresAt.getEpochSecond());
        b[6] = (byte) (0x80 | (b[6] & 0x0f));
        b[8] = (byte) (0x80 | (mode == CertificateLogin.Mode.MOBILE ? 0x20 : 0) | (b[8] & 0x1f));
        System.arraycopy(mac(b, 9), 0, b, 9, MAC_BYTES);
        ByteBuffer buffer = ByteBuffer.wrap(b);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The challenge a genuine id of this tenant describes; empty for anything else. */
    Optional<Sealed> open(UUID id) {
        byte[] b = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        if ((b[6] & 0xf0) != 0x80 || (b[8] & 0xc0) != 0x80) {
            return Optional.empty();
        }
        byte[] expected = java.util.Arrays.copyOf(mac(b, 9), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(b, 9, 16))) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Integer.toUnsignedLong(ByteBuffer.wrap(b).getInt(0)));
        return Optional.of(new Sealed(expires, (b[8] & 0x20) != 0 ? CertificateLogin.Mode.MOBILE : CertificateLogin.Mode.TOKEN));
    }

    /** The nonce of a challenge: 18 bytes of HMAC over the id, so nobody without the key can predict it. */
    String nonce(UUID id) {
        byte[] digest = mac(("nonce:" + id).getBytes(StandardCharsets.UTF_8), -1);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
    }

    private byte[] mac(byte[] data, int length) {
        Mac prototype = prototypes.computeIfAbsent(TenantContext.require().code(), code -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secrets.derive("login-challenge:" + code), "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
            }
        });
        try {
            Mac mac = (Mac) prototype.clone();
            mac.update(data, 0, length < 0 ? data.length : length);
            return mac.doFinal();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be cloned", e);
        }
    }
}
