package cn.huren.server.browser;

import cn.huren.server.certificate.HolderSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * Stands in for a USB key's local middleware, as the device simulator's {@code serve} does: the
 * login page's script asks it to sign the challenge after the key's PIN (JS-12), cross-origin.
 */
final class LocalSigner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    private LocalSigner(HttpServer server) {
        this.server = server;
    }

    static LocalSigner start(int port, X509Certificate certificate, PrivateKey key, String pin, String mediumId) throws IOException {
        return start(port, pin, message -> Map.of("certificate", Base64.getEncoder().encodeToString(certificate.getEncoded()),
                "signature", HolderSignatures.sign(key, certificate, message), "mediumId", mediumId));
    }

    /** A key whose driver hands out bytes that are no certificate (JS-16: no serial number can be read). */
    static LocalSigner unreadable(int port, String pin) throws IOException {
        return start(port, pin, message -> Map.of("certificate", Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 1, 2, 3}),
                "signature", "AAAA", "mediumId", "KEY-BROKEN"));
    }

    interface Signing {
        Map<String, String> sign(String message) throws Exception;
    }

    private static LocalSigner start(int port, String pin, Signing signing) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/sign", exchange -> {
            cors(exchange);
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                reply(exchange, 204, null);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (!pin.equals(body.path("pin").asText())) {
                reply(exchange, 401, Map.of("error", "pin"));
                return;
            }
            try {
                reply(exchange, 200, signing.sign(body.path("message").asText()));
            } catch (Exception e) {
                reply(exchange, 500, Map.of("error", e.toString()));
            }
        });
        server.start();
        return new LocalSigner(server);
    }

    private static void cors(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
        exchange.getResponseHeaders().add("Access-Control-Allow-Private-Network", "true");
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (body != null) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
