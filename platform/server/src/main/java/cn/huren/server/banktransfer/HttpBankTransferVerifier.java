package cn.huren.server.banktransfer;

import cn.huren.plugin.api.BankTransfer;
import cn.huren.plugin.api.BankTransferException;
import cn.huren.plugin.api.BankTransferException.Reason;
import cn.huren.plugin.api.BankTransferQuery;
import cn.huren.plugin.api.BankTransferVerifier;
import cn.huren.server.support.HmacSignature;
import cn.huren.server.support.SignedGateway;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link BankTransferVerifier}: the bank-transfer contract of docs/bank-transfer.md over java.net.http, one
 * signed JSON POST per query to the current tenant's gateway ({@code core.bankTransfer.*}), signed like the real-name
 * contract ({@link HmacSignature}). No redirects, a timeout from {@code huren.bank-transfer.timeout}. An answer that is
 * not exactly what was asked (another amount, an account not ending in the six digits, outside the window) is the
 * gateway failing, never a match. Logs the last six digits, the amount, the outcome and the bank's reference; never a
 * payer's name, the collection account or the app secret.
 */
public class HttpBankTransferVerifier implements BankTransferVerifier {

    private static final Logger log = LoggerFactory.getLogger(HttpBankTransferVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's path, below the gateway's base URL. */
    static final String SEARCH = "/v1/incoming-transfers/search";

    private final Supplier<GatewaySettings> settings;
    private final SignedGateway<BankTransferException> gateway;

    HttpBankTransferVerifier(Supplier<GatewaySettings> settings, Clock clock, Duration timeout) {
        this(settings, clock, timeout, () -> UUID.randomUUID().toString());
    }

    HttpBankTransferVerifier(Supplier<GatewaySettings> settings, Clock clock, Duration timeout, Supplier<String> nonces) {
        this.settings = settings;
        this.gateway = new SignedGateway<>("the bank-transfer gateway", clock, timeout, nonces, (failure, code, message, cause) ->
                new BankTransferException(failure == SignedGateway.Failure.TIMEOUT ? Reason.TIMEOUT : Reason.UNAVAILABLE, code, message, cause));
    }

    @Override
    public Optional<BankTransfer> findTransfer(BankTransferQuery query) {
        String what = "from *" + query.payerAccountLast6() + " of " + query.amountFen() + " fen";
        try {
            Optional<BankTransfer> found = answer(gateway.post(settings.get(), SEARCH, body(query)), query);
            log.info("bank-transfer query {}: {}", what, found.map(t -> "FOUND (reference " + t.bankReference() + ")").orElse("NOT_FOUND"));
            return found;
        } catch (BankTransferException e) {
            log.warn("bank-transfer query {}: no answer, {} {}: {}", what, e.reason(), e.code(), e.getMessage());
            throw e;
        }
    }

    static Map<String, Object> body(BankTransferQuery query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("collectionAccount", query.collectionAccount());
        body.put("payerAccountLast6", query.payerAccountLast6());
        body.put("amountFen", query.amountFen());
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        return body;
    }

    static Optional<BankTransfer> answer(HttpResponse<String> response, BankTransferQuery query) {
        return answer(response.statusCode(), response.body(), query);
    }

    /**
     * 200 with {@code code} NOT_FOUND, or FOUND and a transfer that answers the query, is an answer; 4xx with a
     * {@code code} is a refusal of the request; 5xx, any other status and anything unreadable or inconsistent mean the
     * gateway failed.
     */
    static Optional<BankTransfer> answer(int status, String text, BankTransferQuery query) {
        JsonNode body = parse(text);
        String code = body == null ? null : body.path("code").asText(null);
        String message = body == null ? "" : shorten(body.path("message").asText(""));
        if (status == 200) {
            if ("NOT_FOUND".equals(code)) {
                return Optional.empty();
            }
            BankTransfer transfer = "FOUND".equals(code) ? transfer(body.path("transfer")) : null;
            if (transfer == null) {
                throw new BankTransferException(Reason.UNAVAILABLE, "malformed-answer",
                        "the bank-transfer gateway answered 200 without FOUND and a complete transfer, or NOT_FOUND");
            }
            if (!transfer.answers(query)) {
                throw new BankTransferException(Reason.UNAVAILABLE, "inconsistent-answer",
                        "the bank-transfer gateway reported a transfer that is not the one asked for (amount, account or time)");
            }
            return Optional.of(transfer);
        }
        if (status >= 400 && status < 500 && status != 429 && code != null && !code.isBlank()) {
            String refusal = shorten(code);
            throw new BankTransferException(Reason.REFUSED, refusal, "the bank-transfer gateway refused the request: " + refusal
                    + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        throw new BankTransferException(Reason.UNAVAILABLE, "http-" + status, "the bank-transfer gateway failed: HTTP " + status
                + (code == null ? "" : ", " + shorten(code)));
    }

    private static BankTransfer transfer(JsonNode t) {
        if (t == null || !t.isObject()) {
            return null;
        }
        String masked = t.path("payerAccountMasked").asText("");
        String name = t.path("payerName").asText("").strip();
        String reference = t.path("bankReference").asText("").strip();
        JsonNode amount = t.path("amountFen");
        if (masked.isBlank() || masked.length() > 64 || name.isEmpty() || name.length() > 200 || reference.isEmpty()
                || reference.length() > 100 || !amount.canConvertToLong() || !amount.isIntegralNumber()) {
            return null;
        }
        try {
            return new BankTransfer(remask(masked), name, amount.asLong(), reference, Instant.parse(t.path("at").asText("")));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Never more of the payer's account than its last six digits (which the person typed), whatever the gateway sent. */
    static String remask(String masked) {
        String digits = masked.replaceAll("[^0-9]", "");
        return "****" + digits.substring(Math.max(0, digits.length() - 6));
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
}
