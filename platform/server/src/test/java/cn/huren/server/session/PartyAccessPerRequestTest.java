package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may act is decided once per request: a signed-in API call or portal page reads its session's
 * certificate binding once, however many checks the request makes (formerly two or three reads).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyAccessPerRequestTest {

    @LocalServerPort
    int port;
    @Autowired
    PartyAccesses accesses;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Access SM2 CA", KeyAlgorithm.SM2);
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    PartyClient client;
    Issued primary;
    List<String> tokens;
    long secondId;

    @BeforeAll
    void setUp() throws Exception {
        client = new PartyClient(port);
        PartyClient.tenantTrusting(port, "pac1", "jiangsu", ca);
        String uscc = RegisteredParties.uscc(951);
        primary = PartyClient.enterpriseCertificate(ca, "一次判定有限公司", uscc);
        tokens = client.enterprise("pac1", primary, PartyClient.enterpriseCertificate(ca, "一次判定有限公司", uscc));
        secondId = PartyClient.json(client.call("GET", "pac1", "/certificates", tokens.get(0), null)).get(1).get("id").asLong();
    }

    @Test
    @DisplayName("an API request reads its certificate's binding once, also when a service checks the primary role again")
    void apiReadsTheBindingOnce() throws Exception {
        long before = accesses.lookups();
        assertThat(client.call("GET", "pac1", "/certificates", tokens.get(0), null).statusCode()).isEqualTo(200);
        assertThat(accesses.lookups() - before).isEqualTo(1);

        before = accesses.lookups();
        HttpResponse<String> change = client.call("PATCH", "pac1", "/certificates/" + secondId, tokens.get(0), Map.of("holderName", "李四"));
        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
        assertThat(accesses.lookups() - before).as("the access check and the primary check of the change").isEqualTo(1);

        before = accesses.lookups();
        HttpResponse<String> refused = client.call("PUT", "pac1", "/basic-info", tokens.get(1), Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("primary-certificate-required");
        assertThat(accesses.lookups() - before).isEqualTo(1);
    }

    @Test
    @DisplayName("a signed-in portal page reads its certificate's binding once: the session filter's role and the page's access are one read")
    void portalPageReadsTheBindingOnce() throws Exception {
        signIn(primary);
        long before = accesses.lookups();
        HttpResponse<String> overview = get("/t/pac1/overview");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(accesses.lookups() - before).isEqualTo(1);

        before = accesses.lookups();
        assertThat(get("/t/pac1/registry/basic-info").statusCode()).isEqualTo(200);
        assertThat(accesses.lookups() - before).isEqualTo(1);
    }

    /** As the mobile app signs a browser in: open the QR page, answer its challenge, hand the session over. */
    private void signIn(Issued holder) throws Exception {
        String page = get("/t/pac1/login/mobile").body();
        String payload = find(page, "id=\"qr-payload\">([^<]+)<").replace("&amp;", "&");
        String challenge = param(payload, "challenge");
        String message = "huren-login:pac1:" + challenge + ":" + param(payload, "nonce");
        HttpResponse<String> answer = browser.send(request("/api/t/pac1/login/challenges/" + challenge + "/response")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"certificate\":\"" + holder.pem().replace("\n", "\\n")
                        + "\",\"signature\":\"" + HolderSignatures.sign(holder, message) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String form = "challenge=" + challenge + "&_csrf=" + URLEncoder.encode(find(page, "name=\"_csrf\" value=\"([^\"]+)\""), StandardCharsets.UTF_8);
        HttpResponse<String> session = browser.send(request("/t/pac1/login/session").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(302);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(request(path).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static String param(String url, String name) {
        return URLDecoder.decode(find(url, "[?&]" + name + "=([^&]+)"), StandardCharsets.UTF_8);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }
}
