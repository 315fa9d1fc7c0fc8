package cn.huren.server.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client side of Huren's signed provider contracts (real-name, bank transfer): one JSON POST to a path below the
 * provider's base URL, signed with {@link HmacSignature} (app key, timestamp, nonce, signature headers). No redirects,
 * one timeout for connecting and answering. A transport failure becomes the caller's exception through its
 * {@link Failures}; reading the answer is the caller's.
 */
public final class SignedGateway<E extends RuntimeException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where and as whom: a provider's base URL, app key and (opened) app secret. */
    public interface Target {
        URI url();

        String appKey();

        String appSecret();
    }

    /** Why a request got no answer at all. */
    public enum Failure { TIMEOUT, UNAVAILABLE }

    /** Makes the caller's exception for a transport failure (code timeout, unreachable or interrupted). */
    @FunctionalInterface
    public interface Failures<E extends RuntimeException> {
        E of(Failure failure, String code, String message, Throwable cause);
    }

    private final String partner;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final Duration timeout;
    private final Failures<E> failures;
    private final HttpClient http;

    /** {@code partner} names the provider in failure messages ("the real-name provider"). */
    public SignedGateway(String partner, Clock clock, Duration timeout, Supplier<String> nonces, Failures<E> failures) {
        this.partner = partner;
        this.clock = clock;
        this.nonces = nonces;
        this.timeout = timeout;
        this.failures = failures;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code body} as JSON to {@code path} below the target's URL and returns the answer, whatever its status. */
    public HttpResponse<String> post(Target target, String path, Map<String, Object> body) {
        return send(signed(target, path, json(body)));
    }

    /** The request as the contracts have it: a JSON POST with the app key, timestamp, nonce and signature headers. */
    HttpRequest signed(Target target, String path, byte[] body) {
        URI uri = URI.create(target.url().toString().replaceAll("/+$", "") + path);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonces.get();
        String signature = HmacSignature.sign(target.appSecret(),
                HmacSignature.stringToSign("POST", uri.getRawPath(), timestamp, nonce, body));
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header(HmacSignature.APP_KEY, target.appKey())
                .header(HmacSignature.TIMESTAMP, timestamp)
                .header(HmacSignature.NONCE, nonce)
                .header(HmacSignature.SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw failures.of(Failure.TIMEOUT, "timeout", partner + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw failures.of(Failure.UNAVAILABLE, "unreachable", partner + " could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failures.of(Failure.UNAVAILABLE, "interrupted", "interrupted while waiting for " + partner, e);
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always writes as JSON", e);
        }
    }
}
