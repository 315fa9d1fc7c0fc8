package cn.huren.server.realname;

import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.support.BankCardNumbers;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.support.SignatureCheck;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox real-name provider of demo mode and tests (huren.sandboxes): an in-process endpoint speaking exactly the
 * provider contract of docs/real-name.md. It checks the app key, the timestamp (±5 minutes), the nonce (single use)
 * and the signature, and answers MATCH for well-formed data, MISMATCH for the documented sandbox rules: a name
 * containing 不符, a face token containing {@code mismatch}, a card mobile ending in 0000. It verifies nobody.
 */
@RestController
class RealNameSandbox {

    static final String PATH = "/sandbox/real-name";
    static final String APP_KEY = "huren-sandbox";

    /** The sandbox's app secret: {@code huren.real-name.sandbox.app-secret}, by default random per server. */
    @Component
    static class Credentials {

        private final String secret;

        Credentials(@Value("${huren.real-name.sandbox.app-secret:}") String configured) {
            this.secret = SignatureCheck.secretOrRandom(configured);
        }

        String secret() {
            return secret;
        }
    }

    private final boolean enabled;
    private final SignatureCheck signatures;
    private final Clock clock;

    RealNameSandbox(Environment env, Credentials credentials, Clock clock) {
        this.enabled = RealNameConfig.sandboxes(env);
        this.signatures = new SignatureCheck(APP_KEY, credentials.secret(), clock);
        this.clock = clock;
    }

    @PostMapping(path = "/api/t/{tenant}" + PATH + "/v1/{method}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> verify(@PathVariable String method, @RequestBody(required = false) byte[] body,
                                               HttpServletRequest request) {
        if (!enabled) {
            return answer(HttpStatus.NOT_FOUND, "NOT_FOUND", "no sandbox on this server");
        }
        SignatureCheck.Signed signed = signatures.read(request, body);
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        JsonNode json = signed.json();
        String name = json.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > 100) {
            return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "name: 1 to 100 characters");
        }
        try {
            IdentityDocument.parse(IdentityDocument.DocumentType.valueOf(json.path("documentType").asText("")),
                    json.path("documentNumber").asText(""), clock);
        } catch (IllegalArgumentException e) {
            String rule = e instanceof InvalidIdentifierException invalid ? invalid.rule().name() : "DOCUMENT_TYPE";
            return answer(HttpStatus.BAD_REQUEST, "INVALID_DOCUMENT", "the identity document is not valid: " + rule);
        }
        boolean mismatch = name.contains("不符");
        switch (method) {
            case "identity" -> {
            }
            case "face" -> {
                String token = json.path("faceToken").asText("");
                if (token.isBlank()) {
                    return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "faceToken is required");
                }
                mismatch |= token.toLowerCase(java.util.Locale.ROOT).contains("mismatch");
            }
            case "bank-card" -> {
                String card = json.path("cardNumber").asText("");
                String mobile = json.path("cardMobile").asText("");
                if (!BankCardNumbers.valid(card) || !MobileNumbers.mainland(mobile)) {
                    return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "cardNumber (Luhn) and cardMobile are required");
                }
                mismatch |= mobile.endsWith("0000");
            }
            default -> {
                return answer(HttpStatus.NOT_FOUND, "NOT_FOUND", "no method " + method);
            }
        }
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("code", mismatch ? "MISMATCH" : "MATCH");
        verdict.put("reference", "sandbox-" + UUID.randomUUID());
        verdict.put("message", mismatch ? "sandbox rule: does not match" : "sandbox: matches");
        return ResponseEntity.ok(verdict);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String message) {
        return SignatureCheck.answer(status, code, message);
    }
}
