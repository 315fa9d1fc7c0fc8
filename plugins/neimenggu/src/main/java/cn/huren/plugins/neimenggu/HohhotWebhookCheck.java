package cn.huren.plugins.neimenggu;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Hohhot (the sandbox) checks an outbox delivery before anything else (docs/outbox.md): the signature
 * {@code sha256=base64(HMAC-SHA256(secret, "{timestamp}.{raw body}"))} and the timestamp within 5 minutes of its clock,
 * so a captured delivery cannot be replayed later. Pure, for unit tests.
 */
final class HohhotWebhookCheck {

    static final Duration FRESHNESS = Duration.ofMinutes(5);

    /** null when the delivery is authentic and fresh, else the problem type: signature-invalid or timestamp-stale. */
    static String refusal(String secret, String timestamp, byte[] body, String signature, Instant now) {
        if (secret == null || timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
            return "signature-invalid";
        }
        byte[] expected = ("sha256=" + sign(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return "signature-invalid";
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(FRESHNESS) > 0) {
            return "timestamp-stale";
        }
        return null;
    }

    /** base64(HMAC-SHA256(secret, "{timestamp}.{body}")), as the outbox signs. */
    static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return hmac(secret, message);
    }

    /** base64(HMAC-SHA256) keyed with the secret's UTF-8 bytes (also how an API client signs its requests). */
    static String hmac(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private HohhotWebhookCheck() {
    }
}
