package cn.huren.server.banktransfer;

import cn.huren.plugin.api.BankTransfer;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.support.SignatureCheck;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * The sandbox bank of demo mode and tests (huren.sandboxes): it "receives" a transfer only when one is recorded — by
 * the demo-only button of the bank-transfer page ({@link #receive}) or by {@code POST /api/t/{tenant}/sandbox/bank/transfers}
 * — and answers the bank-transfer contract of docs/bank-transfer.md (signed like the real-name contract, checked by {@link SignatureCheck}: app key,
 * timestamp ±5 minutes, single-use nonce, signature). Its transfers live in memory (a restart forgets them). Without
 * sandboxes every endpoint answers 404 and {@link #receive} refuses: it moves no money and proves nothing.
 */
@RestController
public class BankSandbox {

    static final String PATH = "/sandbox/bank";
    static final String APP_KEY = "huren-sandbox";
    /** Transfers kept per tenant; the oldest go first. */
    static final int KEPT = 1000;

    /** The sandbox bank's app secret: {@code huren.bank-transfer.sandbox.app-secret}, by default random per server. */
    @Component
    static class Credentials {

        private final String secret;

        Credentials(@Value("${huren.bank-transfer.sandbox.app-secret:}") String configured) {
            this.secret = SignatureCheck.secretOrRandom(configured);
        }

        String secret() {
            return secret;
        }
    }

    /** A transfer the sandbox bank received, to which collection account. */
    record Received(String collectionAccount, BankTransfer transfer) {
    }

    /** POST …/sandbox/bank/transfers: a transfer to record (the collection account defaults to the tenant's). */
    record Incoming(String collectionAccount, String payerAccountLast6, String payerName, Long amountFen) {
    }

    private final boolean enabled;
    private final SignatureCheck signatures;
    private final Clock clock;
    private final cn.huren.server.tenancy.CoreSettings core;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    BankSandbox(Environment env, Credentials credentials, Clock clock, cn.huren.server.tenancy.CoreSettings core) {
        this.enabled = BankTransferConfig.sandboxes(env);
        this.signatures = new SignatureCheck(APP_KEY, credentials.secret(), clock);
        this.clock = clock;
        this.core = core;
    }

    /** Whether the sandbox bank is on (demo mode, tests): pages show the demo button only then. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The sandbox bank receives a transfer to the current tenant's collection account now, from an account ending in
     * {@code payerAccountLast6}, held by {@code payerName}. Refused (404) without sandboxes.
     */
    public BankTransfer receive(String payerAccountLast6, String payerName, long amountFen) {
        CollectionAccount account = BankTransferConfig.collectionAccount(core, enabled)
                .orElseThrow(() -> ApiException.notFound("not-found", "the tenant has no collection account"));
        return receive(account.number(), payerAccountLast6, payerName, amountFen);
    }

    private BankTransfer receive(String collectionAccount, String payerAccountLast6, String payerName, long amountFen) {
        if (!enabled) {
            throw ApiException.notFound("not-found", "no sandbox bank on this server");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (payerAccountLast6 == null || !payerAccountLast6.matches("[0-9]{6}")) {
            errors.add(new ApiException.FieldError("payerAccountLast6", "six digits"));
        }
        if (payerName == null || payerName.isBlank() || payerName.length() > 200) {
            errors.add(new ApiException.FieldError("payerName", "1 to 200 characters"));
        }
        if (amountFen <= 0 || amountFen > 100_000_000) {
            errors.add(new ApiException.FieldError("amountFen", "a positive number of fen"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        BankTransfer transfer = new BankTransfer(HttpBankTransferVerifier.remask(payerAccountLast6), payerName.strip(), amountFen,
                "sandbox-" + UUID.randomUUID(), clock.instant());
        List<Received> list = received.computeIfAbsent(TenantContext.require().code(), t -> new ArrayList<>());
        synchronized (list) {
            list.add(new Received(collectionAccount, transfer));
            if (list.size() > KEPT) {
                list.remove(0);
            }
        }
        return transfer;
    }

    @PostMapping(path = "/api/t/{tenant}" + PATH + "/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BankTransfer> record(@RequestBody Incoming body) {
        if (!enabled) {
            throw ApiException.notFound("not-found", "no sandbox bank on this server");
        }
        BankTransfer transfer = body.collectionAccount() == null || body.collectionAccount().isBlank()
                ? receive(body.payerAccountLast6(), body.payerName(), body.amountFen() == null ? 0 : body.amountFen())
                : receive(body.collectionAccount().strip(), body.payerAccountLast6(), body.payerName(),
                        body.amountFen() == null ? 0 : body.amountFen());
        return ResponseEntity.status(HttpStatus.CREATED).body(transfer);
    }

    @PostMapping(path = "/api/t/{tenant}" + PATH + "/v1/incoming-transfers/search", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> search(@PathVariable String tenant, @RequestBody(required = false) byte[] body,
                                               HttpServletRequest request) {
        if (!enabled) {
            return answer(HttpStatus.NOT_FOUND, "NOT_FOUND_PATH", "no sandbox bank on this server");
        }
        SignatureCheck.Signed signed = signatures.read(request, body);
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        JsonNode json = signed.json();
        String account = json.path("collectionAccount").asText("");
        String last6 = json.path("payerAccountLast6").asText("");
        long amount = json.path("amountFen").asLong(0);
        Instant from;
        Instant to;
        try {
            from = Instant.parse(json.path("from").asText(""));
            to = Instant.parse(json.path("to").asText(""));
        } catch (DateTimeParseException e) {
            return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "from and to are ISO-8601 instants");
        }
        if (account.isBlank() || !last6.matches("[0-9]{6}") || amount <= 0) {
            return answer(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "collectionAccount, payerAccountLast6 (6 digits), amountFen (> 0)");
        }
        List<Received> list = received.getOrDefault(tenant, List.of());
        BankTransfer found;
        synchronized (list) {
            found = list.stream().filter(r -> r.collectionAccount().equals(account)).map(Received::transfer)
                    .filter(t -> t.amountFen() == amount && t.payerAccountMasked().endsWith(last6))
                    .filter(t -> !t.at().isBefore(from) && !t.at().isAfter(to)).findFirst().orElse(null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", found == null ? "NOT_FOUND" : "FOUND");
        if (found != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("payerAccountMasked", found.payerAccountMasked());
            t.put("payerName", found.payerName());
            t.put("amountFen", found.amountFen());
            t.put("bankReference", found.bankReference());
            t.put("at", found.at().toString());
            answer.put("transfer", t);
        }
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String message) {
        return SignatureCheck.answer(status, code, message);
    }
}
