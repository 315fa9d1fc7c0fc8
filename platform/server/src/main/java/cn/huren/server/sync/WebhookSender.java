package cn.huren.server.sync;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.TextInput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * POSTs one event to a client's webhook. The body is the event exactly as stored, so every retry
 * sends the same bytes; {@code X-Huren-Signature} is {@code sha256=} and the base64 HMAC-SHA256 of
 * those bytes under the client's secret. Only a 2xx whose body arrived within the request timeout
 * counts: anything else (refused, reset, timed out, slow body, non-2xx) is retried.
 */
@Component
class WebhookSender {

    static final String SIGNATURE = "X-Huren-Signature";
    static final String EVENT_ID = "X-Huren-Event-Id";
    static final String EVENT_TYPE = "X-Huren-Event-Type";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TIMESTAMP = "X-Huren-Timestamp";
    static final String ATTEMPT = "X-Huren-Delivery-Attempt";

    private final HttpClient http;
    private final OutboxProperties properties;

    WebhookSender(OutboxProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CompletableFuture<OutboxStore.Result> send(String tenant, OutboxStore.Claimed delivery, WebhookTargets.Target target) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "huren-outbox/1")
                    .header(EVENT_ID, delivery.eventId())
                    .header(EVENT_TYPE, delivery.type())
                    .header(IDEMPOTENCY_KEY, delivery.eventId())
                    .header(TIMESTAMP, timestamp)
                    .header(ATTEMPT, Integer.toString(delivery.attempt()))
                    // the timestamp is signed too, so a receiver can refuse an old delivery replayed at it
                    .header(SIGNATURE, "sha256=" + sign(target.key(), (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failed(tenant, delivery, null, "bad webhook URL: " + e.getMessage()));
        }
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, info -> new CappedBody(ANSWER_KEPT));
        // the request timeout covers the headers only; a body dribbling in counts against it too
        return exchange.orTimeout(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        exchange.cancel(true);
                        return failed(tenant, delivery, null, describe(error));
                    }
                    int status = response.statusCode();
                    return status / 100 == 2
                            ? new OutboxStore.Result(tenant, delivery.deliveryId(), delivery.attempt(), true, false, status, null)
                            : failed(tenant, delivery, status, "HTTP " + status + " " + response.body());
                });
    }

    /** What of a receiver's answer is kept (for the delivery's last error); the rest is not read into memory. */
    private static final int ANSWER_KEPT = 2048;

    /** A response body read up to a cap; past it the subscription is cancelled (a receiver cannot fill the heap). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<String> {

        private final int cap;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private java.util.concurrent.Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), cap - bytes.size());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= cap) {
                subscription.cancel();
                text.complete(bytes.toString(StandardCharsets.UTF_8) + "…");
            }
        }

        @Override
        public void onError(Throwable error) {
            text.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    static String sign(byte[] key, byte[] prefix, byte[] body) {
        return Base64.getEncoder().encodeToString(Hashes.hmacSha256(key, prefix, body));
    }

    static OutboxStore.Result failed(String tenant, OutboxStore.Claimed delivery, Integer status, String error) {
        String text = error == null ? "failed" : error.replaceAll("\\s+", " ").strip();
        return new OutboxStore.Result(tenant, delivery.deliveryId(), delivery.attempt(), false, false, status,
                text.length() > 500 ? TextInput.storable(text, 497) + "..." : TextInput.storable(text, 500));
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
