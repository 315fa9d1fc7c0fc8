package cn.huren.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A real HTTP client against the server under test; can send any Host header. */
public final class HttpApi {

    public static final String ADMIN_PASSWORD = "it-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A response: status, content type and body (parsed when JSON). */
    public record Reply(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final int port;
    private final String host;
    private final String basicAuth;
    private final String accept;

    private HttpApi(int port, String host, String basicAuth, String accept) {
        this.port = port;
        this.host = host;
        this.basicAuth = basicAuth;
        this.accept = accept;
    }

    /** As a browser asks: Accept text/html. */
    public HttpApi browser() {
        return new HttpApi(port, host, basicAuth, "text/html,application/xhtml+xml");
    }

    public static HttpApi anonymous(int port) {
        return new HttpApi(port, null, null, null);
    }

    public static HttpApi operator(int port) {
        return anonymous(port).as("admin", ADMIN_PASSWORD);
    }

    public HttpApi as(String user, String password) {
        return new HttpApi(port, host, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), accept);
    }

    public HttpApi host(String hostHeader) {
        return new HttpApi(port, hostHeader, basicAuth, accept);
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Reply send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json")
                    .header("Accept-Language", "en");
            if (host != null) {
                request.header("Host", host);
            }
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (basicAuth != null) {
                request.header("Authorization", basicAuth);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
