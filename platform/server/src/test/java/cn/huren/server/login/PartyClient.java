package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixture: a certificate holder using the party API over HTTP, as a USB-key client would. */
public final class PartyClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final int port;

    public PartyClient(int port) {
        this.port = port;
    }

    /** The OID under which the test CAs write the holder's USCC or ID number. */
    public static final String IDENTITY_OID = "1.2.156.10260.4.1.4";

    /** Onboards a tenant (with these portal hosts) that recognises {@code ca}. */
    public static void tenantTrusting(int port, String tenant, String plugin, DemoCertificateAuthority ca, String... hosts) {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(tenant, plugin, hosts));
        trust(port, tenant, ca);
    }

    /** Makes {@code ca} a trusted CA of the tenant (named by its algorithm); returns its id. */
    public static String trust(int port, String tenant, DemoCertificateAuthority ca) {
        return HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/cas", Map.of("name", ca.algorithm() + " CA",
                "certificate", ca.pem(), "identity", Map.of("source", "OID", "oid", IDENTITY_OID))).json().get("id").asText();
    }

    /** An enterprise certificate of {@code ca}, valid from yesterday for a year. */
    public static Issued enterpriseCertificate(DemoCertificateAuthority ca, String name, String uscc) {
        return ca.issue(DemoCertificateAuthority.Subject.of(name, null, Map.of(IDENTITY_OID, uscc))
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))));
    }

    /** Registers an enterprise whose primary is the first certificate and activates the others; their tokens, in order. */
    public List<String> enterprise(String tenant, Issued... certificates) throws Exception {
        List<String> tokens = new ArrayList<>();
        tokens.add(login(tenant, certificates[0]));
        assertThat(call("POST", tenant, "/register", tokens.get(0), null).statusCode()).isEqualTo(201);
        for (int i = 1; i < certificates.length; i++) {
            String token = login(tenant, certificates[i]);
            assertThat(call("POST", tenant, "/activation", token, Map.of("holderName", "经办人" + i)).statusCode()).isEqualTo(201);
            tokens.add(token);
        }
        return tokens;
    }

    public String login(String tenant, Issued holder) throws Exception {
        JsonNode c = HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges", Map.of("mode", "TOKEN")).json();
        JsonNode result = HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", HolderSignatures.sign(holder, c.get("message").asText()))).json();
        return result.get("token").asText();
    }

    public HttpResponse<String> call(String method, String tenant, String path, String token, Object body) throws Exception {
        return call(method, tenant, path, token, body, Map.of());
    }

    /** With more request headers, such as If-Match. */
    public HttpResponse<String> call(String method, String tenant, String path, String token, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/me" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    public String upload(String tenant, String token, String name, byte[] content) throws Exception {
        String boundary = "huren-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/t/" + tenant + "/me/attachments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }
}
