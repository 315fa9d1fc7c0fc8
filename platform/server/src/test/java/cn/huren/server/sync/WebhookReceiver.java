package cn.huren.server.sync;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A trading system's webhook endpoint as WireMock plays it, with every request recorded in the order
 * it arrived (WireMock's journal is not in arrival order once responses are delayed).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; {@code answered} when the stub it met returns a 2xx without a fault. */
    record Arrival(String path, String eventId, String idempotencyKey, String signature, int attempt, String type, String tenant,
                   String orderingKey, long sequence, String body, boolean answered, String timestamp) {

        /** The signature a receiver expects, computed with its own HMAC code over "{X-Huren-Timestamp}.{body}". */
        String expectedSignature(String secret) {
            return hmac(secret, timestamp + "." + body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server;
    private final List<Arrival> arrivals = new ArrayList<>();

    WebhookReceiver() {
        server = new WireMockServer(options().dynamicPort().containerThreads(150).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(100).extensions(new ServeEventListener() {
                    @Override
                    public void afterMatch(ServeEvent event, Parameters parameters) {
                        record(event);
                    }

                    @Override
                    public String getName() {
                        return "arrivals";
                    }
                }));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private void record(ServeEvent event) {
        String body = event.getRequest().getBodyAsString();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return;
        }
        ResponseDefinition response = event.getResponseDefinition();
        boolean answered = response != null && response.getFault() == null && response.getStatus() / 100 == 2;
        String attempt = event.getRequest().getHeader("X-Huren-Delivery-Attempt");
        synchronized (arrivals) {
            arrivals.add(new Arrival(event.getRequest().getUrl(), event.getRequest().getHeader("X-Huren-Event-Id"),
                    event.getRequest().getHeader("Idempotency-Key"), event.getRequest().getHeader("X-Huren-Signature"),
                    attempt == null ? 0 : Integer.parseInt(attempt), json.path("type").asText(), json.path("tenant").asText(),
                    json.path("orderingKey").asText(), json.path("sequence").asLong(), body, answered,
                    event.getRequest().getHeader("X-Huren-Timestamp")));
        }
    }

    List<Arrival> arrivals(Predicate<Arrival> which) {
        synchronized (arrivals) {
            return arrivals.stream().filter(which).toList();
        }
    }

    List<Arrival> at(String path) {
        return arrivals(a -> a.path().equals(path));
    }

    /** Event ids that got a 2xx at least once. */
    static Set<String> answered(List<Arrival> arrivals) {
        return arrivals.stream().filter(Arrival::answered).map(Arrival::eventId).collect(Collectors.toSet());
    }

    /** Sequence numbers per ordering key, in arrival order. */
    static Map<String, List<Long>> sequencesByKey(List<Arrival> arrivals) {
        Map<String, List<Long>> byKey = new LinkedHashMap<>();
        arrivals.forEach(a -> byKey.computeIfAbsent(a.orderingKey(), k -> new ArrayList<>()).add(a.sequence()));
        return byKey;
    }

    /** HMAC-SHA256 as docs/trading-system-api.md tells a receiver to compute it: its own code, not the server's. */
    static String hmac(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
