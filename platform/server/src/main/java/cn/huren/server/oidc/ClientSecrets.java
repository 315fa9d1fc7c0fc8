package cn.huren.server.oidc;

import cn.huren.server.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are 32 random bytes issued by the server, not passwords people choose: a SHA-256
 * hash resists guessing as well as Argon2 would, and a token request need not pay Argon2's cost.
 * Compared in constant time.
 */
final class ClientSecrets implements PasswordEncoder {

    static final String PREFIX = "{sha256}";

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + Hashes.sha256Hex(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII));
    }
}
