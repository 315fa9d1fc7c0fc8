package cn.huren.server.oidc;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP "browser" on one tenant's host (Host: {code}.localhost:{port}, sent to the
 * loopback address): follows nothing by itself, so a test sees every redirect of the OIDC flow.
 */
final class TenantBrowser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    final String host;

    TenantBrowser(int port, String host) {
        this.port = port;
        this.host = host;
    }

    String origin() {
        return "http://" + host + ":" + port;
    }

    HttpResponse<String> get(String pathOrUrl) throws Exception {
        return http.send(request(pathOrUrl).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, ?> form) throws Exception {
        return post(path, form, null);
    }

    /** A form post; values may be lists (repeated parameters); basic is "id:secret" or null. */
    HttpResponse<String> post(String path, Map<String, ?> form, String basic) throws Exception {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (basic != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> bearer(String path, String token) throws Exception {
        return http.send(request(path).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs this browser in the way the mobile app does: open the QR page, answer its challenge, hand the session over. */
    HttpResponse<String> signIn(String tenant, Issued holder) throws Exception {
        return signIn(tenant, holder.pem(), message -> HolderSignatures.sign(holder, message));
    }

    /** The same with a key enrolled at the tenant's demo CA (the app signs with it). */
    HttpResponse<String> signIn(String tenant, cn.huren.server.democa.DemoCaClient key) throws Exception {
        return signIn(tenant, key.certificate, key::sign);
    }

    private HttpResponse<String> signIn(String tenant, String certificatePem, java.util.function.Function<String, String> signer)
            throws Exception {
        String page = get("/login/mobile").body();
        Map<String, String> qr = query(find(page, "id=\"qr-payload\">([^<]+)<").replace("&amp;", "&"));
        String message = "huren-login:" + tenant + ":" + qr.get("challenge") + ":" + qr.get("nonce");
        HttpResponse<String> answer = http.send(request("/api/t/" + tenant + "/login/challenges/" + qr.get("challenge") + "/response")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certificate\":\"" + certificatePem.replace("\n", "\\n")
                        + "\",\"signature\":\"" + signer.apply(message) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return post("/login/session", Map.of("challenge", qr.get("challenge"), "_csrf", find(page, "name=\"_csrf\" value=\"([^\"]+)\"")));
    }

    static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("a redirect").isBetween(300, 399);
        return response.headers().firstValue("Location").orElseThrow();
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String q = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url;
        for (String pair : q.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        URI uri = URI.create(pathOrUrl);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (uri.getHost() != null) {
            assertThat(uri.getAuthority()).as("stays on the tenant's origin").isEqualTo(host + ":" + port);
        }
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Host", host + ":" + port);
    }

    private static String form(Map<String, ?> form) {
        return form.entrySet().stream().flatMap(e -> (e.getValue() instanceof List<?> list ? list : List.of(e.getValue())).stream()
                        .map(v -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
