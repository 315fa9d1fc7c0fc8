package cn.huren.server.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature of Huren's provider contracts (real-name, bank transfer: docs/real-name.md):
 * {@code Base64(HMAC-SHA256(appSecret, "HMAC-SHA256\n" + METHOD + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n"
 * + hex(SHA-256(body))))}. The path is the request's raw path as sent (with the base URL's path), no query.
 */
public final class HmacSignature {

    public static final String ALGORITHM = "HMAC-SHA256";
    public static final String APP_KEY = "X-Huren-App-Key";
    public static final String TIMESTAMP = "X-Huren-Timestamp";
    public static final String NONCE = "X-Huren-Nonce";
    public static final String SIGNATURE = "X-Huren-Signature";

    private HmacSignature() {
    }

    public static String stringToSign(String method, String path, String timestamp, String nonce, byte[] body) {
        return ALGORITHM + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    public static String sign(String appSecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Constant time: a provider compares the signature it computed with the one sent. */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
