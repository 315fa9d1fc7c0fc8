package cn.huren.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Test fixture: a cookie-keeping browser on a tenant's path-mode portal ({@code /t/{tenant}/…}) that follows no
 * redirect by itself; signs in as the mobile app does and posts forms with the CSRF token of the page it showed last.
 * For plugin pages: {@code browser.get("/t/nmg/p/neimenggu/status")}.
 */
public final class PortalBrowser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private final String tenant;
    private String lastPage = "";

    public PortalBrowser(int port, String tenant) {
        this.port = port;
        this.tenant = tenant;
    }

    /** GET as a browser asks (Accept text/html); the page is kept for its CSRF token. */
    public HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> page = send(request(path).header("Accept", "text/html").GET().build());
        if (page.body().contains("name=\"_csrf\"")) {
            lastPage = page.body();
        }
        return page;
    }

    /** A form POST with the CSRF token of the last page shown (values are URL-encoded here). */
    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent("_csrf", csrf());
        return postRaw(path, withToken.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
    }

    /** A form POST of exactly this body (no token added). */
    public HttpResponse<String> postRaw(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The CSRF token of the last page shown. */
    public String csrf() {
        return find(lastPage, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** Signs this browser in with the certificate, as the mobile app does: QR page, answer its challenge, take the session over. */
    public void signIn(Issued holder) throws Exception {
        String page = get("/t/" + tenant + "/login/mobile").body();
        String payload = find(page, "id=\"qr-payload\">([^<]+)<").replace("&amp;", "&");
        String challenge = param(payload, "challenge");
        String message = "huren-login:" + tenant + ":" + challenge + ":" + param(payload, "nonce");
        HttpResponse<String> answer = send(request("/api/t/" + tenant + "/login/challenges/" + challenge + "/response")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certificate\":\"" + holder.pem().replace("\n", "\\n")
                        + "\",\"signature\":\"" + HolderSignatures.sign(holder, message) + "\"}")).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        HttpResponse<String> session = post("/t/" + tenant + "/login/session", Map.of("challenge", challenge));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(302);
    }

    public static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("a redirect").isBetween(300, 399);
        return response.headers().firstValue("Location").orElseThrow();
    }

    public static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    private static String param(String url, String name) {
        return URLDecoder.decode(find(url, "[?&]" + name + "=([^&]+)"), StandardCharsets.UTF_8);
    }
}
