package cn.huren.server.certificateapplication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.review.Reviewers;
import cn.huren.server.HttpApi.Reply;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCaClient;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Certificate applications with real keys and the tenant's real demo CA: apply, review, download, bind, log in. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateApplicationsTest {

    static final String TENANT = "capp1";
    static final String OTHER = "capp2";
    static final String WITHOUT_CA = "capp4";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    Applicants applicants;

    @BeforeAll
    void setUp() {
        applicants = new Applicants(port, TENANT).onboard();
        new Applicants(port, OTHER).onboard();
    }

    long count(String sql, Object... params) {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc().sql(sql).params(params).query(Long.class).single());
    }

    JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = applicants.me("GET", path, token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PartyClient.json(r);
    }

    @Test
    @DisplayName("SX-16, APP-29, APP-11: apply (审核中) → CA approves (待下载) → a wrong key may not download → the key's holder downloads, "
            + "the certificate is bound ACTIVE and logs in; a second download hands out the same certificate")
    void lifecycle() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        DemoCaClient key = new DemoCaClient(port, "SM2");

        JsonNode applied = applicants.apply(primary, key, "ISSUE", null);
        long id = applied.get("id").asLong();
        assertThat(applied.get("state").asText()).isEqualTo("IN_REVIEW");
        assertThat(applied.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(applied.get("keyAlgorithm").asText()).isEqualTo("SM2");
        assertThat(get("/certificate-applications", primary.token()).findValuesAsText("status")).contains("IN_REVIEW");
        JsonNode queue = Reviewers.of(port, TENANT).get("/api/review/" + TENANT + "/certificate-applications").json();
        assertThat(queue.findValuesAsText("partyIdentifier")).contains(uscc);
        assertThat(applicants.download(id, key).status()).as("nothing to download while in review").isEqualTo(409);

        Reply approved = applicants.review(id, "approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().at("/application/state").asText()).isEqualTo("AWAITING_DOWNLOAD");
        JsonNode awaiting = get("/certificate-applications/" + id, primary.token());
        assertThat(awaiting.get("status").asText()).isEqualTo("AWAITING_DOWNLOAD");
        assertThat(awaiting.get("downloadMessage").asText()).isEqualTo("huren-download:" + TENANT + ":" + id);
        assertThat(applicants.review(id, "approve", null).status()).as("decided once").isEqualTo(409);

        Reply wrongKey = applicants.download(id, primary.key());
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.json().get("type").asText()).isEqualTo("urn:huren:problem:signature-invalid");
        assertThat(get("/certificate-applications/" + id, primary.token()).get("state").asText()).isEqualTo("AWAITING_DOWNLOAD");

        Reply downloaded = applicants.download(id, key);
        assertThat(downloaded.status()).as(downloaded.body()).isEqualTo(200);
        assertThat(downloaded.json().get("chain")).hasSize(3);
        long bindingId = downloaded.json().get("bindingId").asLong();
        Reply again = applicants.download(id, key);
        assertThat(again.json().get("certificate").asText()).isEqualTo(downloaded.json().get("certificate").asText());
        assertThat(again.json().get("bindingId").asLong()).isEqualTo(bindingId);

        JsonNode bound = get("/certificates/" + bindingId, primary.token());
        assertThat(bound.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(bound.get("primary").asBoolean()).isFalse();
        assertThat(bound.get("holderName").asText()).isEqualTo("张经办");
        assertThat(bound.get("mediumId").asText()).isEqualTo("CAPP-MEDIUM-1");
        assertThat(get("/certificate-applications/" + id, primary.token()).get("state").asText()).isEqualTo("DOWNLOADED");

        key.certificate = downloaded.json().get("certificate").asText();
        Reply login = key.login(TENANT);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("next").isNull()).as("bound already: no registration, no activation").isTrue();
        assertThat(count("select count(*) from ledger_entry where record_type = 'certificate-application' and record_id = ?",
                Long.toString(id))).as("APPLY, APPROVE, DOWNLOAD").isEqualTo(3);
    }

    @Test
    @DisplayName("JS-81: a download binds through the same guard as activation: the certificate of an approved application, activated "
            + "and voided before its download, is not bound again by the download (403 certificate-voided, the application stays "
            + "AWAITING_DOWNLOAD, nothing written) until the primary re-admits it")
    void downloadCannotRebindAVoidedCertificate() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        DemoCaClient key = new DemoCaClient(port, "SM2");
        long id = applicants.apply(primary, key, "ISSUE", null).get("id").asLong();
        assertThat(applicants.review(id, "approve", null).status()).isEqualTo(200);
        // the key's holder got its certificate from the CA before downloading it here: logs in with it and activates it
        byte[] der = TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select certificate from certificate_application where id = ?").param(id).query((rs, n) -> rs.getBytes(1)).single());
        key.certificate = Base64.getEncoder().encodeToString(der);
        String token = applicants.login(key);
        HttpResponse<String> activated = applicants.me("POST", "/activation", token, Map.of("holderName", "经办人"));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(201);
        long bindingId = PartyClient.json(activated).get("bindingId").asLong();
        String evidence = applicants.party.upload(TENANT, primary.token(), "proof.pdf", "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.UTF_8));
        assertThat(applicants.me("POST", "/certificates/" + bindingId + "/void", primary.token(),
                Map.of("reason", "经办人离职", "evidence", evidence)).statusCode()).isEqualTo(200);
        long bindings = count("select count(*) from certificate_binding");
        long ledger = count("select count(*) from ledger_entry");

        Reply refused = applicants.download(id, key);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-voided");
        assertThat(get("/certificate-applications/" + id, primary.token()).get("state").asText()).isEqualTo("AWAITING_DOWNLOAD");
        assertThat(count("select count(*) from certificate_binding")).isEqualTo(bindings);
        assertThat(count("select count(*) from ledger_entry")).isEqualTo(ledger);

        assertThat(applicants.me("POST", "/certificates/" + bindingId + "/readmit", primary.token(), null).statusCode()).isEqualTo(200);
        Reply downloaded = applicants.download(id, key);
        assertThat(downloaded.status()).as(downloaded.body()).isEqualTo(200);
        long rebound = downloaded.json().get("bindingId").asLong();
        assertThat(rebound).isNotEqualTo(bindingId);
        assertThat(get("/certificates/" + rebound, primary.token()).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("SX-17: a rejected application shows INVALID (已失效) with the CA's reason; the reason is required; "
            + "a cancelled one is INVALID too, also one cancelled after approval (its certificate revoked at the CA); none can be "
            + "approved, downloaded or cancelled again")
    void rejectAndCancel() throws Exception {
        Applicants.Holder primary = applicants.enterprise(Applicants.uscc());
        DemoCaClient key = new DemoCaClient(port, "EC");
        long rejected = applicants.apply(primary, key, "ISSUE", null).get("id").asLong();

        Reply noReason = applicants.review(rejected, "reject", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().findValuesAsText("field")).contains("reason");
        assertThat(applicants.review(rejected, "reject", Map.of("reason", "营业执照照片不清晰")).status()).isEqualTo(200);
        JsonNode shown = get("/certificate-applications/" + rejected, primary.token());
        assertThat(shown.get("state").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("status").asText()).isEqualTo("INVALID");
        assertThat(shown.get("reason").asText()).isEqualTo("营业执照照片不清晰");
        assertThat(applicants.review(rejected, "approve", null).status()).isEqualTo(409);
        assertThat(applicants.download(rejected, key).status()).isEqualTo(409);

        long cancelled = applicants.apply(primary, new DemoCaClient(port, "RSA"), "ISSUE", null).get("id").asLong();
        HttpResponse<String> cancel = applicants.me("POST", "/certificate-applications/" + cancelled + "/cancel", primary.token(), null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(PartyClient.json(cancel).get("status").asText()).isEqualTo("INVALID");
        assertThat(applicants.me("POST", "/certificate-applications/" + cancelled + "/cancel", primary.token(), null).statusCode())
                .isEqualTo(409);
        assertThat(applicants.review(cancelled, "approve", null).status()).isEqualTo(409);

        DemoCaClient lost = new DemoCaClient(port, "SM2");
        long approved = applicants.apply(primary, lost, "ISSUE", null).get("id").asLong();
        assertThat(applicants.review(approved, "approve", null).status()).isEqualTo(200);
        String serial = get("/certificate-applications/" + approved, primary.token()).get("serial").asText();
        HttpResponse<String> withdrawn = applicants.me("POST", "/certificate-applications/" + approved + "/cancel", primary.token(), null);
        assertThat(withdrawn.statusCode()).as("awaiting download (the key was lost): cancelled, " + withdrawn.body()).isEqualTo(200);
        assertThat(PartyClient.json(withdrawn).get("status").asText()).isEqualTo("INVALID");
        assertThat(applicants.download(approved, lost).status()).isEqualTo(409);
        assertThat(DemoCaClient.crl("http://127.0.0.1:" + port + "/demo-ca/" + TENANT + "/sm2.crl")
                .getRevokedCertificate(new java.math.BigInteger(serial, 16))).as("the issued certificate is revoked at the CA").isNotNull();
    }

    @Test
    @DisplayName("only the primary (主锁) applies and cancels (403 for another certificate of the party); it may read them")
    void primaryOnly() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        Applicants.Holder other = applicants.activated(uscc);
        long before = count("select count(*) from certificate_application");

        HttpResponse<String> refused = applicants.me("POST", "/certificate-applications", other.token(),
                Applicants.application("ISSUE", "ENTERPRISE", other.key().csr(other.key().key.getPrivate()), null));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(PartyClient.json(refused).get("type").asText()).isEqualTo("urn:huren:problem:primary-certificate-required");
        assertThat(count("select count(*) from certificate_application")).isEqualTo(before);

        long id = applicants.apply(primary, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
        assertThat(applicants.me("POST", "/certificate-applications/" + id + "/cancel", other.token(), null).statusCode()).isEqualTo(403);
        assertThat(get("/certificate-applications/" + id, other.token()).get("state").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    @DisplayName("bad input is refused with 400 and every field's error, and nothing is written: garbage or a request without proof "
            + "of possession, a weak key, unknown kind, a type that does not fit the party, a renewal of nothing")
    void badInput() throws Exception {
        Applicants.Holder primary = applicants.enterprise(Applicants.uscc());
        DemoCaClient key = new DemoCaClient(port, "SM2");
        long before = count("select count(*) from certificate_application");

        HttpResponse<String> garbage = applicants.me("POST", "/certificate-applications", primary.token(),
                Map.of("kind", "BUY", "type", "PERSONAL", "medium", "FLOPPY", "holderName", "", "csr", "not a request"));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(garbage).findValuesAsText("field")).contains("kind", "type", "medium", "holderName", "csr");
        assertThat(problemField(Applicants.application("ISSUE", "ENTERPRISE", key.csr(primary.key().key.getPrivate()), null)))
                .as("signed by another key: no proof of possession").isEqualTo("csr-signature");
        DemoCaClient weak = new DemoCaClient(port, "RSA:1024");
        assertThat(problemField(Applicants.application("ISSUE", "ENTERPRISE", weak.csr(weak.key.getPrivate()), null)))
                .isEqualTo("key-algorithm");
        assertThat(problemField(Applicants.application("ISSUE", "PERSONAL", key.csr(key.key.getPrivate()), null)))
                .isEqualTo("certificate-type");
        HttpResponse<String> renewNothing = applicants.me("POST", "/certificate-applications", primary.token(),
                Applicants.application("RENEW", "ENTERPRISE", key.csr(key.key.getPrivate()), 999_999L));
        assertThat(renewNothing.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(renewNothing).findValuesAsText("field")).containsExactly("replaces");
        assertThat(applicants.me("POST", "/certificate-applications", primary.token(),
                Applicants.application("RENEW", "ENTERPRISE", key.csr(key.key.getPrivate()), null)).statusCode()).isEqualTo(400);
        assertThat(count("select count(*) from certificate_application")).isEqualTo(before);
        assertThat(applicants.me("POST", "/certificate-applications", null,
                Applicants.application("ISSUE", "ENTERPRISE", key.csr(key.key.getPrivate()), null)).statusCode()).isEqualTo(401);
    }

    private String problemField(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = applicants.me("POST", "/certificate-applications", applicants.enterprise(Applicants.uscc()).token(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return PartyClient.json(r).get("errors").get(0).get("code").asText();
    }

    @Test
    @DisplayName("no request reaches another tenant's applications: 404 for its download and review, its queue lists none of them, "
            + "a token of this tenant opens nothing there")
    void otherTenant() throws Exception {
        Applicants.Holder primary = applicants.enterprise(Applicants.uscc());
        DemoCaClient key = new DemoCaClient(port, "SM2");
        long id = applicants.apply(primary, key, "ISSUE", null).get("id").asLong();
        Applicants elsewhere = new Applicants(port, OTHER);

        assertThat(elsewhere.review(id, "approve", null).status()).isEqualTo(404);
        assertThat(applicants.review(id, "approve", null).status()).isEqualTo(200);
        Reply download = elsewhere.download(id, key);
        assertThat(download.status()).isEqualTo(404);
        assertThat(download.json().get("type").asText()).isEqualTo("urn:huren:problem:application-not-found");
        assertThat(Reviewers.of(port, OTHER).get("/api/review/" + OTHER + "/certificate-applications?state=ALL").json()).isEmpty();
        assertThat(elsewhere.me("GET", "/certificate-applications/" + id, primary.token(), null).statusCode()).isEqualTo(401);
        Applicants.Holder stranger = applicants.enterprise(Applicants.uscc());
        assertThat(applicants.me("GET", "/certificate-applications/" + id, stranger.token(), null).statusCode())
                .as("another party of the same tenant").isEqualTo(404);
        assertThat(applicants.download(id, key).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("SX-15: renewal (更新) keeps the replaced certificate until it expires and hands over the primary role; change (变更) "
            + "revokes the replaced certificate at the CA when the new one is downloaded; one open application per certificate")
    void renewAndChange() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        long primaryId = get("/certificates", primary.token()).get(0).get("id").asLong();

        DemoCaClient renewed = new DemoCaClient(port, "SM2");
        long renewal = applicants.apply(primary, renewed, "RENEW", primaryId).get("id").asLong();
        assertThat(applicants.me("POST", "/certificate-applications", primary.token(), Applicants.application("RENEW", "ENTERPRISE",
                renewed.csr(renewed.key.getPrivate()), primaryId)).statusCode()).as("one open application per certificate").isEqualTo(409);
        assertThat(applicants.review(renewal, "approve", null).status()).isEqualTo(200);
        JsonNode renewedDownload = applicants.download(renewal, renewed).json();
        renewed.certificate = renewedDownload.get("certificate").asText();
        long renewedId = renewedDownload.get("bindingId").asLong();
        JsonNode after = get("/certificates", primary.token());
        assertThat(status(after, primaryId)).isEqualTo("ACTIVE");
        assertThat(after.findValuesAsText("primary")).containsExactly("false", "true");
        assertThat(primary.key().login(TENANT).status()).as("the renewed certificate works until it expires").isEqualTo(200);

        Applicants.Holder newPrimary = new Applicants.Holder(renewed, applicants.login(renewed));
        DemoCaClient changed = new DemoCaClient(port, "SM2");
        JsonNode change = applicants.issued(newPrimary, changed, "CHANGE", primaryId);
        JsonNode now = get("/certificates", newPrimary.token());
        assertThat(status(now, primaryId)).isEqualTo("REVOKED");
        assertThat(status(now, change.get("bindingId").asLong())).isEqualTo("ACTIVE");
        assertThat(status(now, renewedId)).isEqualTo("ACTIVE");
        Reply refused = primary.key().login(TENANT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-revoked");
        assertThat(changed.login(TENANT).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("nothing accepted is lost: a CA that cannot issue (no demo CA yet) is a 502 and the application stays IN_REVIEW; "
            + "approved once the CA is there")
    void caFailure() throws Exception {
        DemoCertificateAuthority outside = DemoCertificateAuthority.root("申请 SM2 CA " + WITHOUT_CA, KeyAlgorithm.SM2);
        PartyClient.tenantTrusting(port, WITHOUT_CA, "jiangsu", outside);
        Issued certificate = PartyClient.enterpriseCertificate(outside, "申请测试有限公司", Applicants.uscc());
        Applicants there = new Applicants(port, WITHOUT_CA);
        Applicants.Holder primary = new Applicants.Holder(null, there.party.enterprise(WITHOUT_CA, certificate).get(0));
        long id = there.apply(primary, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();

        Reply failed = there.review(id, "approve", null);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().get("type").asText()).isEqualTo("urn:huren:problem:demo-ca-missing");
        assertThat(PartyClient.json(there.me("GET", "/certificate-applications/" + id, primary.token(), null)).get("state").asText())
                .isEqualTo("IN_REVIEW");

        assertThat(HttpApi.operator(port).post("/api/platform/tenants/" + WITHOUT_CA + "/demo-ca", null).status()).isEqualTo(200);
        assertThat(there.review(id, "approve", null).json().at("/application/state").asText()).isEqualTo("AWAITING_DOWNLOAD");
    }

    @Test
    @DisplayName("SX-13, SX-17: the tenant's reviewer reviews on the console page: the queue with the applying party, approve, "
            + "reject only with a reason; each decision is in the operation log")
    void consolePage() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        long approved = applicants.apply(primary, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
        long rejected = applicants.apply(primary, new DemoCaClient(port, "SM2"), "ISSUE", null).get("id").asLong();
        String page = "/console/reviews/" + TENANT + "/certificate-applications";
        Reviewers.of(port, TENANT);

        HttpResponse<String> queue = console("GET", page, null);
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("id=\"application-" + approved + "\"", uscc);
        assertThat(console("POST", page + "/" + approved + "/approve", "").statusCode()).isEqualTo(302);
        HttpResponse<String> noReason = console("POST", page + "/" + rejected + "/reject", "reason=");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"app-errors\"");
        assertThat(console("POST", page + "/" + rejected + "/reject", "reason=" + URLEncoder.encode("材料不全",
                StandardCharsets.UTF_8)).statusCode()).isEqualTo(302);
        assertThat(get("/certificate-applications/" + approved, primary.token()).get("status").asText()).isEqualTo("AWAITING_DOWNLOAD");
        assertThat(get("/certificate-applications/" + rejected, primary.token()).get("reason").asText()).isEqualTo("材料不全");
        assertThat(console("GET", page, null).body()).doesNotContain("id=\"application-" + approved + "\"");
        assertThat(HttpApi.operator(port).get("/api/platform/operations?action=certificate-application.reject&target=" + TENANT).body())
                .contains("REFUSED", "SUCCESS", "(console)");
    }

    /** The console as the tenant's reviewer with Basic credentials, as a script uses it (no CSRF token needed); {@code form} url-encoded. */
    HttpResponse<String> console(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((Reviewers.name(TENANT) + ":" + Reviewers.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String status(JsonNode certificates, long id) {
        for (JsonNode c : certificates) {
            if (c.get("id").asLong() == id) {
                return c.get("status").asText();
            }
        }
        throw new AssertionError("no certificate " + id + " in " + certificates);
    }
}
