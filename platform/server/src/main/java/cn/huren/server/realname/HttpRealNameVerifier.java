package cn.huren.server.realname;

import cn.huren.plugin.api.IdentityClaim;
import cn.huren.plugin.api.RealNameException;
import cn.huren.plugin.api.RealNameException.Reason;
import cn.huren.plugin.api.RealNameResult;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.server.support.SignedGateway;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link RealNameVerifier}: the real-name provider contract of docs/real-name.md over java.net.http, one
 * signed JSON POST per check to the current tenant's provider ({@code core.realName.*}). No redirects, a timeout from
 * {@code huren.real-name.timeout}. Logs the method, the masked document, the outcome and the provider's reference;
 * never a name, a number in clear, a card number beyond its last 4 digits, the app secret or a face token.
 */
public class HttpRealNameVerifier implements RealNameVerifier {

    private static final Logger log = LoggerFactory.getLogger(HttpRealNameVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's path of each method, below the provider's base URL. */
    static final String IDENTITY = "/v1/identity";
    static final String FACE = "/v1/face";
    static final String BANK_CARD = "/v1/bank-card";

    private final Supplier<ProviderSettings> settings;
    private final SignedGateway<RealNameException> gateway;

    HttpRealNameVerifier(Supplier<ProviderSettings> settings, Clock clock, Duration timeout) {
        this(settings, clock, timeout, () -> UUID.randomUUID().toString());
    }

    HttpRealNameVerifier(Supplier<ProviderSettings> settings, Clock clock, Duration timeout, Supplier<String> nonces) {
        this.settings = settings;
        this.gateway = new SignedGateway<>("the real-name provider", clock, timeout, nonces, (failure, code, message, cause) ->
                new RealNameException(failure == SignedGateway.Failure.TIMEOUT ? Reason.TIMEOUT : Reason.UNAVAILABLE, code, message, cause));
    }

    @Override
    public RealNameResult verifyIdentity(IdentityClaim claim) {
        return call(IDENTITY, claim, body(claim), "");
    }

    @Override
    public RealNameResult verifyFace(IdentityClaim claim, String faceToken) {
        Map<String, Object> body = body(claim);
        body.put("faceToken", faceToken);
        return call(FACE, claim, body, "");
    }

    @Override
    public RealNameResult verifyBankCard(IdentityClaim claim, String cardNumber, String cardMobile) {
        Map<String, Object> body = body(claim);
        body.put("cardNumber", cardNumber);
        body.put("cardMobile", cardMobile);
        return call(BANK_CARD, claim, body, ", card *" + last4(cardNumber));
    }

    private static Map<String, Object> body(IdentityClaim claim) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", claim.name());
        body.put("documentType", claim.documentType().name());
        body.put("documentNumber", claim.documentNumber());
        return body;
    }

    private RealNameResult call(String path, IdentityClaim claim, Map<String, Object> body, String card) {
        String what = path.substring(4) + " " + claim.documentType() + " " + claim.maskedDocumentNumber() + card;
        try {
            RealNameResult result = answer(gateway.post(settings.get(), path, body));
            log.info("real-name check {}: {} (reference {})", what, result.outcome(), result.reference());
            return result;
        } catch (RealNameException e) {
            log.warn("real-name check {}: no verdict, {} {}: {}", what, e.reason(), e.code(), e.getMessage());
            throw e;
        }
    }

    /**
     * 200 with {@code code} MATCH or MISMATCH and a reference is a verdict; 4xx with a {@code code} is a refusal of the
     * request; 5xx, any other status and anything unreadable mean the provider failed.
     */
    static RealNameResult answer(HttpResponse<String> response) {
        return answer(response.statusCode(), response.body());
    }

    static RealNameResult answer(int status, String text) {
        JsonNode body = parse(text);
        String code = body == null ? null : body.path("code").asText(null);
        String message = body == null ? "" : shorten(body.path("message").asText(""));
        if (status == 200) {
            String reference = body == null ? "" : body.path("reference").asText("");
            if (("MATCH".equals(code) || "MISMATCH".equals(code)) && !reference.isBlank() && reference.length() <= 100) {
                return new RealNameResult(RealNameResult.Outcome.valueOf(code), reference, message);
            }
            throw new RealNameException(Reason.UNAVAILABLE, "malformed-answer",
                    "the real-name provider answered 200 without a verdict (code MATCH or MISMATCH and a reference)");
        }
        if (status >= 400 && status < 500 && status != 429 && code != null && !code.isBlank()) {
            String refusal = shorten(code);
            throw new RealNameException(Reason.REFUSED, refusal, "the real-name provider refused the request: " + refusal
                    + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        throw new RealNameException(Reason.UNAVAILABLE, "http-" + status, "the real-name provider failed: HTTP " + status
                + (code == null ? "" : ", " + shorten(code)));
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = text == null || text.isBlank() ? null : JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** The last 4 digits of a card number, the only part of it logs and pages show. */
    static String last4(String cardNumber) {
        return cardNumber == null || cardNumber.length() < 4 ? "****" : cardNumber.substring(cardNumber.length() - 4);
    }
}
