package cn.huren.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What USB-key middleware offers a login page, on 127.0.0.1 only: {@code GET /certificate} and
 * {@code POST /sign} ({@code {"message","pin"}}), the key signing only with the right PIN. Pages
 * of any origin may call it (CORS reflects the Origin, Private Network Access allowed); the PIN is
 * what guards the key, as on a real token.
 */
final class LocalSigner {

    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final Medium medium;
    private final byte[] pin;
    private final HttpServer server;

    LocalSigner(Medium medium, char[] pin, int port) throws IOException {
        this.medium = medium;
        this.pin = new String(pin).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
    }

    int start() {
        server.start();
        return server.getAddress().getPort();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin");
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.getResponseHeaders().set("Access-Control-Allow-Private-Network", "true");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && path.equals("/certificate")) {
                reply(exchange, 200, identity());
            } else if (method.equals("POST") && path.equals("/sign")) {
                sign(exchange);
            } else {
                reply(exchange, 404, Map.of("error", "not-found"));
            }
        }
    }

    private void sign(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            request = body.length > MAX_REQUEST_BYTES ? null : HurenClient.JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.path("message").isTextual() || !request.path("pin").isTextual()) {
            reply(exchange, 400, Map.of("error", "request", "detail", "send JSON {\"message\":\"…\",\"pin\":\"…\"}"));
            return;
        }
        if (!MessageDigest.isEqual(pin, request.get("pin").asText().getBytes(StandardCharsets.UTF_8))) {
            reply(exchange, 401, Map.of("error", "pin"));
            return;
        }
        Map<String, Object> signed = identity();
        signed.put("signature", Base64.getEncoder().encodeToString(medium.sign(request.get("message").asText().getBytes(StandardCharsets.UTF_8))));
        reply(exchange, 200, signed);
    }

    private Map<String, Object> identity() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", medium.certificateBase64());
        body.put("mediumId", medium.mediumId());
        return body;
    }

    private static void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] json = HurenClient.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
