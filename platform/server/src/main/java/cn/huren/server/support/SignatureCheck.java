package cn.huren.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The provider side of Huren's signed contracts, as the in-process sandboxes check it: the app key, the timestamp
 * (±{@link #SKEW}), the signature ({@link HmacSignature}) and the nonce (single use; remembered twice the skew, in
 * memory). One instance per sandbox: its nonces are its own.
 */
public final class SignatureCheck {

    /** A signed request's JSON object, or (json null) the contract's answer refusing the request. */
    public record Signed(JsonNode json, ResponseEntity<Map<String, Object>> refusal) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final Duration SKEW = Duration.ofMinutes(5);

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final Map<String, Instant> seenNonces = new ConcurrentHashMap<>();

    public SignatureCheck(String appKey, String appSecret, Clock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    /** A sandbox's app secret: the configured one, or when blank a random one for this server's life. */
    public static String secretOrRandom(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The request's body as a JSON object when it is signed by the app key; else the refusal: 401 with the
     * signature's code ({@link #refusal}), 400 INVALID_REQUEST for a body that is not a JSON object.
     */
    public Signed read(HttpServletRequest request, byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        String refusal = refusal(request, content);
        if (refusal != null) {
            return new Signed(null, answer(HttpStatus.UNAUTHORIZED, refusal, "the request's app key, timestamp, nonce or signature is not valid"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(content);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new Signed(null, answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "the body is not a JSON object"));
        }
        return new Signed(json, null);
    }

    /** The contracts' error answer: {@code {"code", "message"}}. */
    public static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("code", code, "message", message));
    }

    /**
     * Null when the request is signed by the app key; else the contract's error code: APP_KEY_UNKNOWN,
     * SIGNATURE_INVALID, TIMESTAMP_EXPIRED or NONCE_REUSED. Signed over the request's method and URI as received.
     */
    public String refusal(HttpServletRequest request, byte[] body) {
        String key = request.getHeader(HmacSignature.APP_KEY);
        String timestamp = request.getHeader(HmacSignature.TIMESTAMP);
        String nonce = request.getHeader(HmacSignature.NONCE);
        String signature = request.getHeader(HmacSignature.SIGNATURE);
        if (!appKey.equals(key)) {
            return "APP_KEY_UNKNOWN";
        }
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}") || nonce == null || nonce.isBlank() || nonce.length() > 64) {
            return "SIGNATURE_INVALID";
        }
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(at, now).abs().compareTo(SKEW) > 0) {
            return "TIMESTAMP_EXPIRED";
        }
        String expected = HmacSignature.sign(appSecret,
                HmacSignature.stringToSign(request.getMethod(), request.getRequestURI(), timestamp, nonce, body));
        if (!HmacSignature.matches(expected, signature)) {
            return "SIGNATURE_INVALID";
        }
        seenNonces.values().removeIf(seen -> seen.isBefore(now.minus(SKEW.multipliedBy(2))));
        if (seenNonces.putIfAbsent(nonce, now) != null) {
            return "NONCE_REUSED";
        }
        return null;
    }
}
