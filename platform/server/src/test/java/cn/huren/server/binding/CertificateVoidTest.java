package cn.huren.server.binding;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A voided certificate stays voided (JS-81): its sessions end, it cannot log in or be bound again until the primary re-admits it. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateVoidTest {

    static final String TENANT = "cvd1";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes();

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("作废 SM2 CA", KeyAlgorithm.SM2);
    PartyClient client;

    @BeforeAll
    void setUp() {
        client = new PartyClient(port);
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
    }

    Issued certificate(String uscc) {
        return PartyClient.enterpriseCertificate(ca, "作废测试有限公司", uscc);
    }

    /** The party's primary, a second certificate (the one voided) and a third, all logged in; and their entries' ids. */
    record Party(List<String> tokens, List<Long> ids, Issued second) {
    }

    Party party(int n) throws Exception {
        String uscc = RegisteredParties.uscc(n);
        Issued second = certificate(uscc);
        List<String> tokens = client.enterprise(TENANT, certificate(uscc), second, certificate(uscc));
        List<Long> ids = new ArrayList<>();
        PartyClient.json(client.call("GET", TENANT, "/certificates", tokens.get(0), null)).forEach(b -> ids.add(b.get("id").asLong()));
        return new Party(tokens, ids, second);
    }

    JsonNode voidSecond(Party p) throws Exception {
        String evidence = client.upload(TENANT, p.tokens().get(0), "proof.pdf", PDF);
        HttpResponse<String> r = client.call("POST", TENANT, "/certificates/" + p.ids().get(1) + "/void", p.tokens().get(0),
                Map.of("reason", "经办人离职", "evidence", evidence));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PartyClient.json(r);
    }

    Reply answer(Issued holder) {
        JsonNode c = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges", Map.of("mode", "TOKEN")).json();
        return HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", HolderSignatures.sign(holder, c.get("message").asText())));
    }

    HttpResponse<String> post(String path, String token) throws Exception {
        return client.call("POST", TENANT, path, token, null);
    }

    <T> T sql(Supplier<T> work) {
        return TenantContext.callAs(tenants.require(TENANT), work);
    }

    long count(String query, Object... params) {
        return sql(() -> data.jdbc().sql(query).params(params).query(Long.class).single());
    }

    /** Bindings and ledger entries of the tenant: what an activation would write. */
    long[] written() {
        return new long[] {count("select count(*) from certificate_binding"), count("select count(*) from ledger_entry")};
    }

    static String fingerprint(Issued holder) {
        try {
            return cn.huren.server.support.Hashes.sha256Hex(holder.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("JS-81: voiding a certificate ends its sessions at once, as a disable does: its holder's next API call is 401")
    void voidEndsSessions() throws Exception {
        Party p = party(951);
        assertThat(client.call("GET", TENANT, "/certificates", p.tokens().get(1), null).statusCode()).isEqualTo(200);

        assertThat(voidSecond(p).get("status").asText()).isEqualTo("VOIDED");

        assertThat(client.call("GET", TENANT, "/certificates", p.tokens().get(1), null).statusCode()).isEqualTo(401);
        assertThat(client.call("GET", TENANT, "", p.tokens().get(1), null).statusCode()).isEqualTo(401);
        assertThat(client.call("GET", TENANT, "/certificates", p.tokens().get(2), null).statusCode())
                .as("the party's other certificates keep their sessions").isEqualTo(200);
    }

    @Test
    @DisplayName("JS-81, JS-17: a voided certificate logs in no more (403 certificate-voided, logged, no ACTIVATE offered); its session "
            + "from before the void cannot activate it, and even a session that outlived the void is refused by the binding itself: "
            + "nothing is written")
    void voidedStaysOut() throws Exception {
        Party p = party(952);
        voidSecond(p);
        long[] before = written();

        Reply login = answer(p.second());
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-voided");
        assertThat(login.json().has("token")).isFalse();
        String serial = p.second().certificate().getSerialNumber().toString(16).toUpperCase();
        assertThat(sql(() -> data.jdbc().sql("select outcome || ':' || reason from login_log where serial = ? order by id desc limit 1")
                .param(serial).query(String.class).single())).startsWith("REFUSED:certificate-voided");

        HttpResponse<String> old = client.call("POST", TENANT, "/activation", p.tokens().get(1), Map.of("holderName", "离职员工"));
        assertThat(old.statusCode()).as("the session from before the void ended with it").isEqualTo(401);

        // a session opened in the instant the void committed (or any other that outlived it): revived here
        sql(() -> data.jdbc().sql("update party_session set expires_at = now() + interval '1 hour' where certificate_fingerprint = ?")
                .param(fingerprint(p.second())).update());
        HttpResponse<String> revived = client.call("POST", TENANT, "/activation", p.tokens().get(1), Map.of("holderName", "离职员工"));
        assertThat(revived.statusCode()).as(revived.body()).isEqualTo(403);
        assertThat(revived.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(PartyClient.json(revived).get("type").asText()).isEqualTo("urn:huren:problem:certificate-voided");
        assertThat(client.call("GET", TENANT, "/certificates", p.tokens().get(1), null).statusCode())
                .as("and it reads nothing: it is not bound").isEqualTo(409);

        assertThat(written()).as("no binding, no ledger entry").containsExactly(before);
        assertThat(count("select count(*) from certificate_binding where fingerprint = ? and status = 'ACTIVE'", fingerprint(p.second())))
                .isZero();
    }

    @Test
    @DisplayName("JS-81: after the primary re-admits a voided certificate (重新准许, in its log and on the ledger) its holder's next login "
            + "offers ACTIVATE and activating it gives access again as a new entry; a second void needs a second re-admission")
    void readmitted() throws Exception {
        Party p = party(953);
        voidSecond(p);
        long voidedId = p.ids().get(1);

        HttpResponse<String> r = post("/certificates/" + voidedId + "/readmit", p.tokens().get(0));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode readmitted = PartyClient.json(r);
        assertThat(readmitted.get("status").asText()).as("the voided entry stays voided (JS-81)").isEqualTo("VOIDED");
        assertThat(readmitted.get("voidReason").asText()).isEqualTo("经办人离职");
        assertThat(readmitted.hasNonNull("readmittedAt")).isTrue();
        String primaryActor = readmitted.get("readmittedBy").asText();
        assertThat(primaryActor).startsWith("party:").contains("/cert:");
        assertThat(count("select count(*) from ledger_entry where record_type = 'certificate-binding' and record_id = ? and action = 'READMIT' "
                + "and actor = ?", Long.toString(voidedId), primaryActor)).isEqualTo(1);
        JsonNode log = PartyClient.json(client.call("GET", TENANT, "/certificates/" + voidedId + "/log", p.tokens().get(0), null));
        assertThat(log.get("entries").get(0).get("source").asText() + ":" + log.get("entries").get(0).get("action").asText())
                .isEqualTo("BINDING:READMIT");
        assertThat(log.get("entries").get(0).get("actor").asText()).isEqualTo(primaryActor);

        Reply login = answer(p.second());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("next").asText()).isEqualTo("ACTIVATE");
        String token = login.json().get("token").asText();
        HttpResponse<String> activated = client.call("POST", TENANT, "/activation", token, Map.of("holderName", "返聘员工"));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(201);
        long newId = PartyClient.json(activated).get("bindingId").asLong();
        assertThat(newId).isNotEqualTo(voidedId);
        JsonNode list = PartyClient.json(client.call("GET", TENANT, "/certificates", token, null));
        assertThat(list).hasSize(4);
        assertThat(list.get(1).get("status").asText()).as("the voided entry is kept").isEqualTo("VOIDED");
        assertThat(list.get(3).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(post("/certificates/" + voidedId + "/readmit", p.tokens().get(0)).statusCode())
                .as("an older entry of a certificate in use again").isEqualTo(409);

        String evidence = client.upload(TENANT, p.tokens().get(0), "proof2.pdf", PDF);
        assertThat(client.call("POST", TENANT, "/certificates/" + newId + "/void", p.tokens().get(0),
                Map.of("reason", "再次离职", "evidence", evidence)).statusCode()).isEqualTo(200);
        assertThat(client.call("GET", TENANT, "/certificates", token, null).statusCode()).isEqualTo(401);
        assertThat(answer(p.second()).json().get("type").asText()).as("the earlier re-admission was used up")
                .isEqualTo("urn:huren:problem:certificate-voided");
    }

    @Test
    @DisplayName("JS-80, JS-81: only the primary re-admits (403 for another certificate); a certificate never voided, one re-admitted "
            + "already or another party's cannot be re-admitted (409, 409, 404), and nothing is written")
    void readmitRules() throws Exception {
        Party stranger = party(955);
        Party p = party(954);
        voidSecond(p);
        long voidedId = p.ids().get(1);
        long[] before = written();

        HttpResponse<String> staff = post("/certificates/" + voidedId + "/readmit", p.tokens().get(2));
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(PartyClient.json(staff).get("type").asText()).isEqualTo("urn:huren:problem:primary-certificate-required");
        HttpResponse<String> active = post("/certificates/" + p.ids().get(2) + "/readmit", p.tokens().get(0));
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(PartyClient.json(active).get("type").asText()).isEqualTo("urn:huren:problem:certificate-state");
        assertThat(post("/certificates/" + p.ids().get(0) + "/readmit", p.tokens().get(0)).statusCode())
                .as("the primary itself was never voided").isEqualTo(409);
        assertThat(post("/certificates/" + voidedId + "/readmit", stranger.tokens().get(0)).statusCode()).isEqualTo(404);
        assertThat(post("/certificates/99999999/readmit", p.tokens().get(0)).statusCode()).isEqualTo(404);
        assertThat(written()).as("nothing written").containsExactly(before);
        assertThat(count("select count(*) from certificate_binding where id = ? and readmitted_at is not null", voidedId)).isZero();

        assertThat(post("/certificates/" + voidedId + "/readmit", p.tokens().get(0)).statusCode()).isEqualTo(200);
        HttpResponse<String> twice = post("/certificates/" + voidedId + "/readmit", p.tokens().get(0));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(PartyClient.json(twice).get("type").asText()).isEqualTo("urn:huren:problem:certificate-state");
        assertThat(count("select count(*) from ledger_entry where record_type = 'certificate-binding' and record_id = ? and action = 'READMIT'",
                Long.toString(voidedId))).isEqualTo(1);
    }
}
