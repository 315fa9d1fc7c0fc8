package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.PluginSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Our calls to Hohhot's platform (呼和浩特市公共资源交易平台（新版）), as docs/openapi/hohhot-platform.yaml describes
 * them: activate a party (NMG-12) and read Hohhot's integrity copy of it (NMG-18). Bearer API key and the tenant in
 * headers, JSON both ways; the whole answer (headers and body) within {@code hohhotTimeoutMillis}, the body at most
 * 256 KiB. Every failure is a {@link HohhotException} with its reason.
 */
@Component
class HohhotClient {

    /** What we tell Hohhot of a party to activate it; {@code residentId} for a natural person, {@code uscc} for an enterprise. */
    record ActivationRequest(String partyRef, String kind, String name, String residentId, String uscc, String mobile, String email,
                             String certificateSerial, String certificateFingerprint) {
    }

    /** Hohhot's member account of the party, and when it was activated (the first time: a repeat returns the same). */
    record Activation(String account, Instant activatedAt) {
    }

    /**
     * Hohhot's integrity copy of a party: {@code synced} false (and the rest null) while nothing was applied yet;
     * {@code version} and {@code digest} as sent by the sync Hohhot applied last.
     */
    record IntegrityCopy(String partyRef, String account, boolean synced, Long version, String digest, Instant syncedAt,
                         IntegritySnapshot snapshot) {
    }

    static final int MAX_BODY = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HohhotClient.class);
    private static final ObjectMapper JSON = IntegritySnapshot.JSON;

    private final PluginSettings settings;
    private final HostEnvironment host;
    private final CurrentTenant tenant;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    HohhotClient(PluginSettings settings, HostEnvironment host, CurrentTenant tenant) {
        this.settings = settings;
        this.host = host;
        this.tenant = tenant;
    }

    /** The current tenant's settings, as configured now. */
    HohhotSettings settings() {
        return HohhotSettings.of(settings.current(), host.sandboxesAllowed());
    }

    /** NMG-12: activate the party at Hohhot (idempotent by {@code partyRef}). */
    Activation activate(ActivationRequest request) {
        return activate(settings(), request);
    }

    /** NMG-18: Hohhot's integrity copy of the party; empty when Hohhot has no such member. */
    Optional<IntegrityCopy> integrityCopy(String partyRef) {
        return integrityCopy(settings(), partyRef);
    }

    Activation activate(HohhotSettings s, ActivationRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.put("partyRef", r.partyRef()).put("kind", r.kind()).put("name", r.name());
        putIf(body, "residentId", r.residentId());
        putIf(body, "uscc", r.uscc());
        ObjectNode contact = body.putObject("contact");
        putIf(contact, "mobile", r.mobile());
        putIf(contact, "email", r.email());
        body.putObject("certificate").put("serial", r.certificateSerial()).put("fingerprint", r.certificateFingerprint());
        JsonNode answer = call(s, "POST", "members/activations", body).orElseThrow(() -> malformed("activation answered 404"));
        String account = answer.path("account").asText("");
        if (account.isBlank() || account.length() > 64) {
            throw malformed("the activation carries no account");
        }
        return new Activation(account, instant(answer, "activatedAt"));
    }

    Optional<IntegrityCopy> integrityCopy(HohhotSettings s, String partyRef) {
        return call(s, "GET", "members/" + URLEncoder.encode(partyRef, StandardCharsets.UTF_8) + "/integrity", null).map(n -> {
            boolean synced = n.path("synced").asBoolean(false);
            if (!synced) {
                return new IntegrityCopy(partyRef, n.path("account").asText(null), false, null, null, null, null);
            }
            if (!n.path("version").canConvertToLong() || !n.path("snapshot").isObject() || !n.path("digest").isTextual()) {
                throw malformed("the integrity copy lacks version, digest or snapshot");
            }
            return new IntegrityCopy(partyRef, n.path("account").asText(null), true, n.path("version").asLong(), n.path("digest").asText(),
                    instant(n, "syncedAt"), IntegritySnapshot.fromJson(n.path("snapshot")));
        });
    }

    /** One call; empty on 404 (Hohhot has no such member), the JSON object on 2xx, else a {@link HohhotException}. */
    private Optional<JsonNode> call(HohhotSettings s, String method, String path, JsonNode body) {
        URI uri = base(s).resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(s.timeout())
                .header("Accept", "application/json")
                .header("X-Huren-Tenant", tenant.find().map(t -> t.code()).orElse(""));
        if (s.effectiveApiKey() != null) {
            builder.header("Authorization", "Bearer " + s.effectiveApiKey());
        }
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = send(builder.build(), s.timeout());
        int status = response.statusCode();
        if (status == 404 && "GET".equals(method)) {
            return Optional.empty();
        }
        if (status / 100 != 2) {
            String type = problemType(response.body());
            HohhotException e = new HohhotException(HohhotException.Reason.HTTP_STATUS, method + " " + path + " → HTTP " + status, status, type);
            log.info("Hohhot call refused: {}", e);
            throw e;
        }
        try {
            JsonNode n = JSON.readTree(response.body());
            if (n == null || !n.isObject()) {
                throw malformed(method + " " + path + ": the answer is not a JSON object");
            }
            return Optional.of(n);
        } catch (IOException e) {
            throw malformed(method + " " + path + ": the answer is not JSON");
        }
    }

    /** The whole exchange, body included, within the timeout; the body read at most {@link #MAX_BODY} bytes. */
    private HttpResponse<byte[]> send(HttpRequest request, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, info -> new BoundedBody());
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw fail(HohhotException.Reason.TIMEOUT, request, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw fail(HohhotException.Reason.UNREACHABLE, request, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw fail(HohhotException.Reason.TIMEOUT, request, cause.getClass().getSimpleName());
            }
            if (cause instanceof TooLarge) {
                throw fail(HohhotException.Reason.MALFORMED, request, "answer larger than " + MAX_BODY + " bytes");
            }
            throw fail(HohhotException.Reason.UNREACHABLE, request, String.valueOf(cause));
        }
    }

    private URI base(HohhotSettings s) {
        if (s.sandbox()) {
            return HohhotSettings.sandboxBase(localPort(), tenant.require().code());
        }
        if (s.baseUrl() == null) {
            throw new HohhotException(HohhotException.Reason.NOT_CONFIGURED, "no hohhotBaseUrl and no sandbox");
        }
        return s.baseUrl();
    }

    /** The sandbox answers on this node: the port of the request being handled. */
    private static int localPort() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getLocalPort();
        }
        throw new HohhotException(HohhotException.Reason.NOT_CONFIGURED, "the sandbox is reached only while a request is handled");
    }

    private static HohhotException fail(HohhotException.Reason reason, HttpRequest request, String detail) {
        HohhotException e = new HohhotException(reason, request.method() + " " + request.uri().getPath() + ": " + detail);
        log.info("Hohhot call failed: {}", e);
        return e;
    }

    private static HohhotException malformed(String detail) {
        HohhotException e = new HohhotException(HohhotException.Reason.MALFORMED, detail);
        log.info("Hohhot call failed: {}", e);
        return e;
    }

    private static String problemType(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            String type = n == null ? "" : n.path("type").asText("");
            return type.matches("[A-Za-z0-9:/._-]{1,120}") ? type : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode n, String field) {
        try {
            return Instant.parse(n.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw malformed("'" + field + "' is not an ISO-8601 instant");
        }
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large");
        }
    }

    /** Collects the body up to {@link #MAX_BODY}; beyond that it cancels and fails, so no peer fills our memory. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > MAX_BODY) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
