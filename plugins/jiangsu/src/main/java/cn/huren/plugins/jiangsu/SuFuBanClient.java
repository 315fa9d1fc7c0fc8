package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.VerifiedPerson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The server-to-server half of 苏服办's OAuth 2.0 authorization-code flow: the code (with the PKCE
 * verifier and the client's credentials, client_secret_post) for an access token, the token for the
 * user's identity. Every failure becomes a {@link Failure} that says which step failed and how.
 */
@Component
class SuFuBanClient {

    /** A step that did not succeed; {@code step} is {@code token} or {@code userinfo}. */
    static final class Failure extends Exception {

        final String step;
        final boolean timeout;

        Failure(String step, String detail, boolean timeout) {
            super(step + ": " + detail);
            this.step = step;
            this.timeout = timeout;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    String token(SuFuBanSettings settings, URI tokenUrl, String code, String redirectUri, String verifier) throws Failure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
        JsonNode body = call("token", request);
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new Failure("token", "the answer carries no access_token", false);
        }
        return token;
    }

    VerifiedPerson userInfo(SuFuBanSettings settings, URI userInfoUrl, String accessToken) throws Failure {
        HttpRequest request = HttpRequest.newBuilder(userInfoUrl).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        JsonNode body = call("userinfo", request);
        String name = body.path("name").asText("");
        String id = body.path("id_number").asText("");
        if (name.isBlank() || id.isBlank()) {
            throw new Failure("userinfo", "the answer lacks name or id_number", false);
        }
        String phone = body.path("phone_number").asText("");
        return new VerifiedPerson(name, id, phone.isBlank() ? null : phone, "sufuban");
    }

    private JsonNode call(String step, HttpRequest request) throws Failure {
        HttpResponse<java.io.InputStream> response;
        byte[] answer;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                answer = in.readNBytes(MAX_BODY + 1); // never more than that in memory, whatever the peer sends
            }
        } catch (HttpTimeoutException e) {
            throw new Failure(step, "no answer within " + request.timeout().map(Duration::toMillis).orElse(0L) + " ms", true);
        } catch (IOException e) {
            throw new Failure(step, "not reachable (" + e.getClass().getSimpleName() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(step, "interrupted", false);
        }
        if (response.statusCode() / 100 != 2) {
            throw new Failure(step, "HTTP " + response.statusCode(), false);
        }
        if (answer.length > MAX_BODY) {
            throw new Failure(step, "answer larger than " + MAX_BODY + " bytes", false);
        }
        try {
            JsonNode body = JSON.readTree(answer);
            if (body == null || !body.isObject()) {
                throw new Failure(step, "the answer is not a JSON object", false);
            }
            return body;
        } catch (IOException e) {
            throw new Failure(step, "the answer is not JSON", false);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
