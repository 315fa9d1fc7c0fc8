package cn.huren.server.client;

import cn.huren.server.support.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The signed-request scheme, written once. A client signs, with HMAC-SHA256 under its secret (the
 * secret text's UTF-8 bytes as key), six lines joined by {@code \n} without a trailing one:
 * <pre>
 * METHOD            as sent, e.g. GET
 * PATH              the request path exactly as sent, not decoded (/api/t/js/v1/parties)
 * QUERY             the query string exactly as sent, without '?'; empty when there is none
 * BODY_SHA256       lower-case hex SHA-256 of the body bytes (of nothing for a GET)
 * TIMESTAMP         epoch seconds, the value of X-Huren-Timestamp
 * NONCE             the value of X-Huren-Nonce
 * </pre>
 * and sends the base64 signature in {@code X-Huren-Signature}.
 */
final class RequestSignature {

    private RequestSignature() {
    }

    static String canonical(String method, String path, String query, String bodySha256, String timestamp, String nonce) {
        return String.join("\n", method, path, query == null ? "" : query, bodySha256, timestamp, nonce);
    }

    static byte[] hmac(byte[] key, String canonical) {
        return Hashes.hmacSha256(key, canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison of the expected and the presented signature. */
    static boolean matches(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected, presented);
    }
}
