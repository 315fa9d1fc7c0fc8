package cn.huren.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An HTTP exchange whose answer is read only up to a limit: a CA's CRL or OCSP responder that sends
 * more than it should costs at most the limit (plus one byte) in memory, never the whole answer.
 */
public final class LimitedHttp {

    /** {@code body}: at most the limit plus one byte; {@link #oversized()} when there was more. */
    public record Answer(int status, byte[] body, int limit) {
        public boolean oversized() {
            return body.length > limit;
        }
    }

    private LimitedHttp() {
    }

    public static Answer send(HttpClient http, HttpRequest request, int limit) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return new Answer(response.statusCode(), in.readNBytes(limit + 1), limit);
        }
    }
}
