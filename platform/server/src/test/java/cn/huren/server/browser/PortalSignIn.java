package cn.huren.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs a browser in the way a person does with the mobile app: open the QR page, "scan" it, confirm. */
final class PortalSignIn {

    private PortalSignIn() {
    }

    /** Opens the QR page in the browser and answers it as the app; returns the QR payload's values. */
    static Map<String, String> scanAndConfirm(Browser browser, String host, Issued holder) throws Exception {
        browser.go(host, "/login/mobile");
        Map<String, String> qr = payload(browser.find("#qr-payload").getAttribute("textContent"));
        String api = qr.get("server") + "/api/t/" + qr.get("tenant") + "/login/challenges/" + qr.get("challenge");
        String message = "huren-login:" + qr.get("tenant") + ":" + qr.get("challenge") + ":" + qr.get("nonce");
        HttpResponse<String> answer = post(api + "/response", "{\"certificate\":\"" + holder.pem().replace("\n", "\\n")
                + "\",\"signature\":\"" + HolderSignatures.sign(holder, message) + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return qr;
    }

    static Map<String, String> payload(String payload) {
        assertThat(payload).startsWith("huren://login?");
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : payload.substring(payload.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return HttpClient.newHttpClient().send(loopback(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** *.localhost is the loopback address; the JDK client may not resolve it, so it goes there with the Host header. */
    static HttpRequest.Builder loopback(String url) {
        URI uri = URI.create(url);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uri.getPort() + uri.getRawPath()))
                .header("Host", uri.getAuthority());
    }
}
