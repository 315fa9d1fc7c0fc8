package cn.huren.server.certificateapplication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.Tenants;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.login.PartyClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test fixture: enterprises of a tenant with its demo CA, applying for certificates with real keys over HTTP. */
public final class Applicants {

    /** A key holder signed in: its key (and certificate once it has one) and its bearer token. */
    public record Holder(DemoCaClient key, String token) {
    }

    final int port;
    final String tenant;
    final PartyClient party;

    public Applicants(int port, String tenant) {
        this.port = port;
        this.tenant = tenant;
        this.party = new PartyClient(port);
    }

    /** Onboards the tenant with its demo CA. */
    public Applicants onboard() {
        HttpApi op = HttpApi.operator(port);
        Reply created = op.post("/api/platform/tenants", Tenants.body(tenant, "jiangsu"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(op.post("/api/platform/tenants/" + tenant + "/demo-ca", null).status()).isEqualTo(200);
        return this;
    }

    public static String uscc() {
        StringBuilder first = new StringBuilder("9132");
        ThreadLocalRandom.current().ints(13, 0, 10).forEach(first::append);
        return DemoCaClient.uscc(first.toString());
    }

    /** A new enterprise registered with a demo-CA certificate: its primary (主锁). */
    public Holder enterprise(String uscc) throws Exception {
        Holder primary = enrolled(uscc);
        assertThat(party.call("POST", tenant, "/register", primary.token(), null).statusCode()).isEqualTo(201);
        return primary;
    }

    /** Another demo-CA certificate of the same enterprise, activated (not the primary). */
    Holder activated(String uscc) throws Exception {
        Holder holder = enrolled(uscc);
        assertThat(party.call("POST", tenant, "/activation", holder.token(), Map.of("holderName", "经办人")).statusCode()).isEqualTo(201);
        return holder;
    }

    private Holder enrolled(String uscc) {
        DemoCaClient key = new DemoCaClient(port, "SM2");
        assertThat(key.enroll(tenant, "ENTERPRISE", uscc, "申请测试有限公司").status()).isEqualTo(201);
        return new Holder(key, login(key));
    }

    String login(DemoCaClient key) {
        Reply login = key.login(tenant);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("token").asText();
    }

    static Map<String, Object> application(String kind, String type, String csr, Long replaces) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("type", type);
        body.put("medium", "TOKEN");
        body.put("holderName", "张经办");
        body.put("csr", csr);
        if (replaces != null) {
            body.put("replaces", replaces);
        }
        return body;
    }

    public HttpResponse<String> me(String method, String path, String token, Object body) throws Exception {
        return party.call(method, tenant, path, token, body);
    }

    /** Applies for a certificate for {@code key}; returns the application. */
    public JsonNode apply(Holder primary, DemoCaClient key, String kind, Long replaces) throws Exception {
        HttpResponse<String> r = me("POST", "/certificate-applications", primary.token(),
                application(kind, "ENTERPRISE", key.csr(key.key.getPrivate()), replaces));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return PartyClient.json(r);
    }

    /** The tenant's reviewer decides ({@code approve}, {@code reject}) on the application's own API. */
    public Reply review(long id, String action, Object body) {
        return cn.huren.server.review.Reviewers.of(port, tenant).post("/api/review/" + tenant + "/certificate-applications/" + id + "/" + action, body);
    }

    /** Signs the download message with {@code signer}'s key. */
    Reply download(long id, DemoCaClient signer) {
        return HttpApi.anonymous(port).post("/api/t/" + tenant + "/certificate-applications/" + id + "/download",
                Map.of("signature", signer.sign("huren-download:" + tenant + ":" + id), "mediumId", "CAPP-MEDIUM-1"));
    }

    /** Apply, approve, download: the key now holds its certificate, bound to the party; returns the download. */
    public JsonNode issued(Holder primary, DemoCaClient key, String kind, Long replaces) throws Exception {
        long id = apply(primary, key, kind, replaces).get("id").asLong();
        assertThat(review(id, "approve", null).status()).isEqualTo(200);
        Reply download = download(id, key);
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        key.certificate = download.json().get("certificate").asText();
        return download.json();
    }
}
