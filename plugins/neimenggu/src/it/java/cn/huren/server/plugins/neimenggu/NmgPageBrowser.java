package cn.huren.server.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.democa.DemoCaClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person's browser on a tenant's portal in path mode (/t/{tenant}/…): cookies kept, redirects not followed, Chinese pages. */
public final class NmgPageBrowser {

    private static final AtomicInteger BOUNDARIES = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private final String tenant;

    public NmgPageBrowser(int port, String tenant) {
        this.port = port;
        this.tenant = tenant;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(request(path).header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A page form with a {@code category} field and one file. */
    public HttpResponse<String> multipart(String path, String category, String fileName, String contentType, byte[] content, String csrf)
            throws Exception {
        String boundary = "nmgpage" + BOUNDARIES.incrementAndGet();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf);
        fields.put("category", category);
        return http.send(request(path).header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(boundary, fields, fileName, contentType, content)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The USB-key login page's challenge answered by the key (as the local signer does), then the session handed over. */
    public void signIn(DemoCaClient key, String mediumId) throws Exception {
        String page = get("/t/" + tenant + "/login/ukey").body();
        String challenge = find(page, "name=\"challenge\" value=\"([^\"]+)\"");
        String message = find(page, "data-message=\"([^\"]+)\"").replace("&amp;", "&");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("certificate", key.certificate);
        answer.put("signature", key.sign(message));
        answer.put("mediumId", mediumId);
        HttpResponse<String> answered = http.send(request("/api/t/" + tenant + "/login/challenges/" + challenge + "/response")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(answer))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        HttpResponse<String> session = post("/t/" + tenant + "/login/session", Map.of("challenge", challenge, "_csrf", csrf(page)));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(302);
    }

    public static String csrf(String page) {
        return find(page, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    public static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** A multipart body of the given fields and one {@code file}. */
    public static byte[] multipartBody(String boundary, Map<String, String> fields, String fileName, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept-Language", "zh-CN");
    }
}
