package cn.huren.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A trading system as the tests play it: signs requests to /api/t/{tenant}/v1/… as docs/trading-system-api.md tells
 * integrators to (its own HMAC code, not the server's), and can spoil any part of a request.
 */
final class SignedClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** One request; every field may be changed before {@link #send()}. */
    final class Request {
        String method;
        String path;
        String body;
        String clientId = SignedClient.this.clientId;
        String secret = SignedClient.this.secret;
        long timestamp = Instant.now().getEpochSecond();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature;
        /** The body signed, when it should differ from the one sent. */
        String signedBody;
        String contentType = "application/json";
        String host;

        Request(String method, String path, Object body) {
            this.method = method;
            this.path = "/api/t/" + tenant + "/v1" + path;
            try {
                this.body = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        Request withPath(String fullPath) {
            this.path = fullPath;
            return this;
        }

        Request withContentType(String type) {
            this.contentType = type;
            return this;
        }

        /** Sent with this {@code Host} header (a tenant's host name). */
        Request withHost(String name) {
            this.host = name;
            return this;
        }

        /** Signed with another secret: a signature that does not match. */
        Request signedAs(String otherSecret) {
            this.secret = otherSecret;
            return this;
        }

        String sign() {
            try {
                return hmac();
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        private String hmac() throws java.security.GeneralSecurityException {
            URI uri = URI.create("http://127.0.0.1" + path);
            String canonical = String.join("\n", method, uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                    hex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest((signedBody == null ? body : signedBody).getBytes(StandardCharsets.UTF_8))),
                    Long.toString(timestamp), nonce);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        }

        Reply send() {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", contentType)
                        .header("X-Huren-Client", clientId)
                        .header("X-Huren-Timestamp", Long.toString(timestamp))
                        .header("X-Huren-Nonce", nonce)
                        .header("X-Huren-Signature", signature == null ? sign() : signature);
                if (host != null) {
                    b.header("Host", host);
                }
                HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.headers(), r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private final int port;
    private final String tenant;
    private final String clientId;
    private final String secret;

    SignedClient(int port, String tenant, String clientId, String secret) {
        this.port = port;
        this.tenant = tenant;
        this.clientId = clientId;
        this.secret = secret;
    }

    /** Created by the operator over the platform API, as an operator would. */
    static SignedClient create(int port, String tenant, java.util.Map<String, Object> body) {
        JsonNode created = cn.huren.server.HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/clients", body).json();
        return new SignedClient(port, tenant, created.get("clientId").asText(), created.get("secret").asText());
    }

    /** The same client's secret and id, aimed at another tenant's API. */
    SignedClient toTenant(String other) {
        return new SignedClient(port, other, clientId, secret);
    }

    String clientId() {
        return clientId;
    }

    Request request(String method, String path, Object body) {
        return new Request(method, path, body);
    }

    /** A signed POST to an endpoint of the tenant's plugin ({@code /api/t/{tenant}/plugins/{plugin}…}). */
    Reply postToPlugin(String plugin, String path, Object body) {
        Request request = new Request("POST", path, body);
        request.path = "/api/t/" + tenant + "/plugins/" + plugin + path;
        return request.send();
    }

    Reply get(String path) {
        return request("GET", path, null).send();
    }

    Reply post(String path, Object body) {
        return request("POST", path, body).send();
    }

    /** Without any signing header. */
    Reply unsigned(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/v1" + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
