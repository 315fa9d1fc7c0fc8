package cn.huren.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Huren's login and demo-CA API as a device calls it. A non-2xx answer is a {@link Refused} carrying the problem. */
final class HurenClient {

    /** The server said no: its status and problem+json (type, detail). */
    static final class Refused extends Exception {
        final int status;
        final JsonNode problem;

        Refused(int status, JsonNode problem) {
            super("HTTP " + status + " " + problem.path("type").asText("").replace("urn:huren:problem:", "") + ": "
                    + problem.path("detail").asText(problem.toString()));
            this.status = status;
            this.problem = problem;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // lets a request to 127.0.0.1 carry the portal's host name (below); read when the JDK's HTTP client first loads
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    private final String server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HurenClient(String server) {
        this.server = server.replaceAll("/+$", "");
    }

    JsonNode enroll(String tenant, Map<String, Object> body) throws Refused, IOException {
        return post("/api/t/" + tenant + "/demo-ca/certificates", body);
    }

    /** A certificate application by the party's primary certificate, whose session {@code token} is. */
    JsonNode apply(String tenant, String token, Map<String, Object> body) throws Refused, IOException {
        return post("/api/t/" + tenant + "/me/certificate-applications", body, token);
    }

    /** {@code signature}: the pending key's, over {@code huren-download:{tenant}:{application}}. */
    JsonNode download(String tenant, String application, String signature, String mediumId) throws Refused, IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signature", signature);
        body.put("mediumId", mediumId);
        return post("/api/t/" + tenant + "/certificate-applications/" + application + "/download", body);
    }

    /** {@code {"id","nonce","expiresAt","message"}}; sign {@code message} exactly. */
    JsonNode challenge(String tenant, String mode) throws Refused, IOException {
        return post("/api/t/" + tenant + "/login/challenges", Map.of("mode", mode));
    }

    JsonNode scan(String tenant, String challenge) throws Refused, IOException {
        return post("/api/t/" + tenant + "/login/challenges/" + challenge + "/scan", Map.of());
    }

    JsonNode respond(String tenant, String challenge, String certificate, String signature, String mediumId) throws Refused, IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", certificate);
        body.put("signature", signature);
        body.put("mediumId", mediumId);
        return post("/api/t/" + tenant + "/login/challenges/" + challenge + "/response", body);
    }

    /**
     * Browsers and curl take {@code *.localhost} for the loopback address (RFC 6761), the JVM's
     * resolver does not: such a plain-HTTP portal is reached at 127.0.0.1 with its name as Host.
     */
    static HttpRequest.Builder to(URI uri) {
        if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getHost().endsWith(".localhost")) {
            try {
                URI loopback = new URI("http", null, "127.0.0.1", uri.getPort(), uri.getPath(), uri.getQuery(), null);
                return HttpRequest.newBuilder(loopback).header("Host", uri.getRawAuthority());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + uri, e);
            }
        }
        return HttpRequest.newBuilder(uri);
    }

    private JsonNode post(String path, Object body) throws Refused, IOException {
        return post(path, body, null);
    }

    private JsonNode post(String path, Object body, String bearer) throws Refused, IOException {
        HttpRequest.Builder builder = to(URI.create(server + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + server + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode().put("detail", "not JSON: " + response.body().substring(0, Math.min(200, response.body().length())));
        }
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode(), json);
        }
        return json;
    }
}
