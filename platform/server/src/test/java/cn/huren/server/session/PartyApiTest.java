package cn.huren.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.login.CertificateLoginTest;
import cn.huren.server.login.PartyClient;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A party's own API, driven as a client would: certificate login, then bearer requests. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyApiTest {

    static final String OID = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;

    @Autowired
    CertificateBindings bindings;

    @Autowired
    CertificateVerifier verifier;

    @Autowired
    TenantDirectory tenants;

    DemoCertificateAuthority ca = DemoCertificateAuthority.root("SM2 CA", KeyAlgorithm.SM2);

    @BeforeAll
    void tenant() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("api1", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("api2", "jiangsu"));
        for (String t : List.of("api1", "api2")) {
            op.post("/api/platform/tenants/" + t + "/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(),
                    "identity", Map.of("source", "OID", "oid", OID)));
        }
    }

    PartyClient client() {
        return new PartyClient(port);
    }

    String login(String tenant, Issued holder) throws Exception {
        return client().login(tenant, holder);
    }

    HttpResponse<String> call(String method, String tenant, String path, String token, Object body) throws Exception {
        return client().call(method, tenant, path, token, body);
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return PartyClient.json(r);
    }

    String upload(String token, String name, byte[] content) throws Exception {
        return uploadTo("api1", token, name, content);
    }

    @Test
    @DisplayName("JS-02, JS-07, X-01, X-05: certificate login → register (certificate becomes primary) → basic information → records through their lifecycle")
    void fullFlow() throws Exception {
        Issued holder = ca.issue(Subject.of("示例公司", null, Map.of(OID, "91350100M000100Y43")));
        String token = login("api1", holder);

        assertThat(json(call("GET", "api1", "", token, null)).get("party").isNull()).isTrue();
        assertThat(call("GET", "api1", "/records/award", token, null).statusCode()).isEqualTo(409);
        HttpResponse<String> registered = call("POST", "api1", "/register", token, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(json(call("GET", "api1", "", token, null)).get("certificateBound").asBoolean()).isTrue();
        assertThat(json(call("POST", "api1", "/records/award", token, Map.of("data", Map.of()))).get("type").asText())
                .isEqualTo("urn:huren:problem:registration-incomplete");
        assertThat(call("PUT", "api1", "/basic-info", token, Map.of("roles", List.of("BIDDER"), "legalRepresentative", "王五",
                "address", "南京市", "contactName", "李四", "contactPhone", "13800138000")).statusCode()).isEqualTo(200);

        JsonNode account = json(call("POST", "api1", "/records/bank-account", token, Map.of("submit", true,
                "data", Map.of("bankName", "工商银行", "accountName", "示例公司", "accountNumber", "6222020200112233445"))));
        assertThat(account.get("status").asText()).isEqualTo("SUBMITTED");
        JsonNode award = json(call("POST", "api1", "/records/award", token, Map.of("submit", true,
                "data", Map.of("name", "鲁班奖", "issuer", "中国建筑业协会", "awardedOn", "2022-11-01"))));
        assertThat(call("PUT", "api1", "/records/award/" + award.get("id").asLong(), token, Map.of("data", Map.of("name", "x")))
                .statusCode()).isEqualTo(409);
        assertThat(call("POST", "api1", "/records/award/" + award.get("id").asLong() + "/void", token, Map.of("reason", "误报"))
                .statusCode()).as("an award's void needs evidence").isEqualTo(400);
        String evidence = upload(token, "证明.pdf", "%PDF-1.4 evidence".getBytes(StandardCharsets.UTF_8));
        JsonNode voided = json(call("POST", "api1", "/records/award/" + award.get("id").asLong() + "/void", token,
                Map.of("reason", "误报", "evidence", evidence)));
        assertThat(voided.get("status").asText()).isEqualTo("VOIDED");
        assertThat(json(call("GET", "api1", "/records/award/" + award.get("id").asLong() + "/history", token, null))
                .findValuesAsText("action")).containsExactly("CREATE", "SUBMIT", "VOID");
        assertThat(call("GET", "api1", "/records/bank-account/" + award.get("id").asLong(), token, null).statusCode())
                .as("an id of another kind").isEqualTo(404);
    }

    @Test
    @DisplayName("ORD-08: the unit's contact person (单位联系人) is changed on its own when it changes; the rest of the basic information stays")
    void contactPersonChanges() throws Exception {
        Issued holder = ca.issue(Subject.of("联系人公司", null, Map.of(OID, cn.huren.server.party.TestIdentifiers.uscc("91320100MA1X0Y2B3"))));
        String token = login("api1", holder);
        assertThat(call("POST", "api1", "/register", token, null).statusCode()).isEqualTo(201);
        Map<String, Object> info = new java.util.LinkedHashMap<>(Map.of("roles", List.of("BIDDER"), "legalRepresentative", "周八",
                "address", "苏州市", "contactName", "吴九", "contactPhone", "13700137000"));
        assertThat(call("PUT", "api1", "/basic-info", token, info).statusCode()).isEqualTo(200);

        info.put("contactName", "郑十");
        info.put("contactPhone", "13600136000");
        HttpResponse<String> changed = call("PUT", "api1", "/basic-info", token, info);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        JsonNode basic = json(call("GET", "api1", "", token, null)).get("party").get("basicInfo");
        assertThat(basic.get("contactName").asText()).isEqualTo("郑十");
        assertThat(basic.get("contactPhone").asText()).isEqualTo("13600136000");
        assertThat(basic.get("legalRepresentative").asText()).isEqualTo("周八");
        assertThat(basic.get("address").asText()).isEqualTo("苏州市");
    }

    @Test
    @DisplayName("JS-19, JS-77: a second certificate must be activated first; once bound it reads but only the primary may change data")
    void secondCertificate() throws Exception {
        Issued primary = ca.issue(Subject.of("二号公司", null, Map.of(OID, "91110000802100433B")));
        String primaryToken = login("api1", primary);
        call("POST", "api1", "/register", primaryToken, null);
        call("PUT", "api1", "/basic-info", primaryToken, Map.of("roles", List.of("TENDERER"), "legalRepresentative", "赵六",
                "address", "北京市", "contactName", "钱七", "contactPhone", "13900139000"));

        Issued second = ca.issue(Subject.of("二号公司", null, Map.of(OID, "91110000802100433B")));
        String secondToken = login("api1", second);
        assertThat(json(call("GET", "api1", "/records/award", secondToken, null)).get("type").asText())
                .isEqualTo("urn:huren:problem:activation-required");

        long party = json(call("GET", "api1", "", primaryToken, null)).get("party").get("id").asLong();
        TenantContext.runAs(tenants.byCode("api1").orElseThrow(), () -> bindings.bind(party,
                verifier.verify(CertificateLoginTest.encoded(second), List.of()), CertificateLoginTest.encoded(second), CertificateBindings.Medium.MOBILE, "APP-1", "经办人", "test"));
        secondToken = login("api1", second);

        assertThat(call("GET", "api1", "/records/award", secondToken, null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = call("POST", "api1", "/records/award", secondToken, Map.of("data", Map.of("name", "x")));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(json(write).get("type").asText()).isEqualTo("urn:huren:problem:primary-certificate-required");
    }

    @Test
    @DisplayName("JS-26, JS-36, JS-38, JS-43: projects over the API — submit, complete into a track record, void it; attachments download only for their owner and the operators (logged)")
    void projectsAndDownloads() throws Exception {
        Issued holder = ca.issue(Subject.of("四号公司", null, Map.of(OID, "91350100M000100Y43")));
        String token = login("api2", holder);
        call("POST", "api2", "/register", token, null);
        call("PUT", "api2", "/basic-info", token, Map.of("roles", List.of("BIDDER"), "legalRepresentative", "孙八",
                "address", "苏州市", "contactName", "周九", "contactPhone", "13700137000"));

        JsonNode project = json(call("POST", "api2", "/projects", token, Map.of("board", "ENTERPRISE", "submit", true,
                "data", Map.of("name", "示例厂房", "owner", "某开发区管委会"))));
        assertThat(project.get("status").asText()).isEqualTo("SUBMITTED");
        String doc = uploadTo("api2", token, "竣工验收.pdf", "%PDF-1.4 completion".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> completed = call("POST", "api2", "/projects/" + project.get("id").asLong() + "/complete", token,
                Map.of("contract", Map.of("contractNumber", "HT-9", "contractAmount", "1200000", "signedOn", "2023-01-01",
                        "completedOn", "2024-01-01"), "completionDocuments", List.of(doc)));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        long trackRecord = json(completed).get("id").asLong();
        assertThat(json(call("GET", "api2", "/track-records?board=ENTERPRISE", token, null)).findValuesAsText("status")).contains("NORMAL");

        JsonNode voided = json(call("POST", "api2", "/track-records/" + trackRecord + "/void", token, Map.of("reason", "合同争议", "evidence", doc)));
        assertThat(voided.get("status").asText()).isEqualTo("VOIDED");
        assertThat(json(call("GET", "api2", "/projects/" + project.get("id").asLong(), token, null)).get("stage").asText())
                .isEqualTo("UNDER_CONSTRUCTION");

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/t/api2/me/attachments/" + doc))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 completion");

        Issued other = ca.issue(Subject.of("五号公司", null, Map.of(OID, "91110000802100433B")));
        String otherToken = login("api2", other);
        call("POST", "api2", "/register", otherToken, null);
        assertThat(call("GET", "api2", "/attachments/" + doc, otherToken, null).statusCode()).isEqualTo(404);

        // operators read it too, logged; under another tenant or party it does not exist
        long party = json(call("GET", "api2", "", token, null)).get("party").get("id").asLong();
        HttpApi.Reply byOperator = HttpApi.operator(port).get("/api/platform/tenants/api2/parties/" + party + "/attachments/" + doc);
        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byOperator.body()).isEqualTo("%PDF-1.4 completion");
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/api1/parties/" + party + "/attachments/" + doc).status()).isEqualTo(404);
        assertThat(HttpApi.anonymous(port).get("/api/platform/tenants/api2/parties/" + party + "/attachments/" + doc).status()).isEqualTo(401);
        assertThat(HttpApi.operator(port).get("/api/platform/operations?action=attachment.download").body()).contains(doc);
    }

    String uploadTo(String tenant, String token, String name, byte[] content) throws Exception {
        return client().upload(tenant, token, name, content);
    }

    @Test
    @DisplayName("without a session, or with another tenant's session, a party's API answers 401")
    void sessionsBelongToTheirTenant() throws Exception {
        Issued holder = ca.issue(Subject.of("三号公司", null, Map.of(OID, "91350100M000100Y43")));
        String token = login("api1", holder);

        assertThat(call("GET", "api1", "", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "api2", "", token, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "api1", "", "not-a-real-token-at-all-xxxx", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "api1", "", token, null).statusCode()).isEqualTo(200);
    }
}
