package cn.huren.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.SentCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The account API as the app calls it: JSON, a bearer token, and the cookie of the captcha's session. */
final class AccountApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Reply(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The problem's kind: the last part of its type URN. */
        String kind() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf(':') + 1);
        }

        Reply expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return this;
        }
    }

    private final int port;
    private final String tenant;
    private final SentCodes codes;

    AccountApi(int port, String tenant, SmsSender sender) {
        this.port = port;
        this.tenant = tenant;
        this.codes = new SentCodes(sender, tenant);
    }

    String tenant() {
        return tenant;
    }

    Reply send(String method, String path, Object body, String token, String cookie) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Accept-Language", "en");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, null, null);
    }

    Reply get(String path, String token) {
        return send("GET", path, null, token, null);
    }

    /** Asks for a code and reads it from the dev sink; the newest message to the number. */
    String code(String mobile, SmsPurpose purpose) {
        post("/sms-codes", Map.of("phone", mobile, "purpose", purpose.name())).expect(202);
        return codes.next(mobile);
    }

    /** The newest code sent to the number so far (no waiting: for "nothing was sent"). */
    Optional<String> lastCode(String mobile) {
        return codes.newest(mobile).map(s -> s.message().parameters().get("code"));
    }

    /** Registers (APP-03) and answers the token. */
    JsonNode register(String mobile) {
        String code = code(mobile, SmsPurpose.REGISTER);
        return post("/accounts", Map.of("mobile", mobile, "code", code, "privacyConsent", true)).expect(201).json();
    }

    Reply passwordLogin(String mobile, String password) {
        return post("/account-sessions", Map.of("mobile", mobile, "password", password, "privacyConsent", true));
    }

    Reply passwordLogin(String mobile, String password, String cookie, String captchaId, String answer) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("mobile", mobile, "password", password, "privacyConsent", true));
        if (captchaId != null) {
            body.put("captchaId", captchaId);
            body.put("captchaAnswer", answer);
        }
        return send("POST", "/account-sessions", body, null, cookie);
    }

    /** Sets the first password (APP-04) of a signed-in account. */
    void setPassword(String token, String mobile, String password) {
        String code = code(mobile, SmsPurpose.SET_PASSWORD);
        send("PUT", "/me/account/password", Map.of("code", code, "newPassword", password), token, null).expect(204);
    }
}
