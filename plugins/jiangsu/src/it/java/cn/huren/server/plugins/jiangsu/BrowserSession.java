package cn.huren.server.plugins.jiangsu;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixture: one browser (its own cookie jar) that does not follow redirects, so each hop can be checked. */
final class BrowserSession {

    record Page(int status, String location, String body) {

        /** The query parameters of the redirect target. */
        Map<String, String> query() {
            Map<String, String> params = new LinkedHashMap<>();
            String query = URI.create(location).getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            return params;
        }
    }

    private final String origin;
    private final String language;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    BrowserSession(int port, String language) {
        this.origin = "http://127.0.0.1:" + port;
        this.language = language;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A path on the server, or an absolute URL. */
    Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), "text/html");
    }

    Page postForm(String pathOrUrl, String form) {
        return postForm(pathOrUrl, form, "text/html");
    }

    /** As a server calls an OAuth endpoint: a form, asking for {@code accept}. */
    Page postForm(String pathOrUrl, String form, String accept) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), accept);
    }

    boolean hasCookie(String name) {
        return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(name) && !c.getValue().isEmpty());
    }

    void forget(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().getURIs().forEach(u -> cookies.getCookieStore().remove(u, c)));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
    }

    private Page send(HttpRequest.Builder request, String accept) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", accept).header("Accept-Language", language).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
