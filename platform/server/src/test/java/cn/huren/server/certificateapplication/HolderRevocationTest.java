package cn.huren.server.certificateapplication;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Revocation by the holder (吊销/注销): the demo CA revokes, its CRL lists it, logins are refused, trading systems are told. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HolderRevocationTest {

    static final String TENANT = "capp3";

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
    }

    <T> List<T> rows(Class<T> type, String sql, Object... params) {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc().sql(sql).params(params).query(type).list());
    }

    HttpResponse<String> revoke(String token, long id, Map<String, Object> body) throws Exception {
        return applicants.me("POST", "/certificates/" + id + "/revoke", token, body);
    }

    static Map<String, Object> confirmed(String reason) {
        return Map.of("reason", reason, "confirm", true);
    }

    @Test
    @DisplayName("APP-32, SX-15: the primary revokes another certificate, confirmed and with a reason: irreversible; the demo CA's CRL "
            + "lists it, its session ends, its next login is refused certificate-revoked; certificate.revoked is published once and "
            + "the ledger records it")
    void revokeByHolder() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        Applicants.Holder other = applicants.activated(uscc);
        JsonNode list = PartyClient.json(applicants.me("GET", "/certificates", primary.token(), null));
        long primaryId = list.get(0).get("id").asLong();
        long otherId = list.get(1).get("id").asLong();
        String serial = list.get(1).get("serial").asText();

        HttpResponse<String> unconfirmed = revoke(primary.token(), otherId, Map.of("reason", "离职"));
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(PartyClient.json(unconfirmed).findValuesAsText("field")).containsExactly("confirm");
        assertThat(revoke(primary.token(), otherId, Map.of("confirm", true)).statusCode()).as("a reason is required").isEqualTo(400);
        assertThat(revoke(other.token(), otherId, confirmed("离职")).statusCode()).as("not by a certificate that is not the primary")
                .isEqualTo(403);
        HttpResponse<String> itself = revoke(primary.token(), primaryId, confirmed("换锁"));
        assertThat(itself.statusCode()).isEqualTo(409);
        assertThat(PartyClient.json(itself).get("type").asText()).isEqualTo("urn:huren:problem:primary-not-revocable");
        assertThat(rows(String.class, "select status from certificate_binding where id = ?", otherId)).containsExactly("ACTIVE");

        HttpResponse<String> revoked = revoke(primary.token(), otherId, confirmed("经办人离职"));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(PartyClient.json(revoked).get("status").asText()).isEqualTo("REVOKED");
        assertThat(PartyClient.json(revoked).get("statusReason").asText()).isEqualTo("经办人离职");

        assertThat(applicants.me("GET", "/certificates", other.token(), null).statusCode()).as("its session ended").isEqualTo(401);
        Reply refused = other.key().login(TENANT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-revoked");
        assertThat(DemoCaClient.crl("http://127.0.0.1:" + port + "/demo-ca/" + TENANT + "/sm2.crl").getRevokedCertificate(new BigInteger(serial, 16)))
                .isNotNull();

        List<String> events = rows(String.class, "select body from outbox_event where type = 'certificate.revoked' and body like ?",
                "%" + serial + "%");
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).contains("\"cause\":\"HOLDER_REVOKED\"", "\"reason\":\"经办人离职\"");
        assertThat(rows(String.class, "select action from ledger_entry where record_type = 'certificate-binding' and record_id = ?",
                Long.toString(otherId))).contains("REVOKE");
        assertThat(revoke(primary.token(), otherId, confirmed("again")).statusCode()).as("final").isEqualTo(409);
        JsonNode check = PartyClient.json(applicants.me("POST", "/certificates/" + otherId + "/check", primary.token(), null));
        assertThat(check.get("usable").asBoolean()).isFalse();
        assertThat(check.get("checks").findValues("name").stream().map(JsonNode::asText).toList()).contains("binding");
        check.get("checks").forEach(c -> {
            if (c.get("name").asText().equals("binding")) {
                assertThat(c.get("outcome").asText()).as("APP-34: the check names the revocation").isEqualTo("FAILED");
            }
        });
        assertThat(PartyClient.json(applicants.me("GET", "/certificates/" + otherId, primary.token(), null)).get("status").asText())
                .isEqualTo("REVOKED");
    }

    @Test
    @DisplayName("APP-32, X-04: a certificate its CA revoked first (the operator, as the demo CA) is still revoked by the holder: "
            + "the binding turns REVOKED, and trading systems heard certificate.revoked once, from the CA")
    void revokedByTheCaFirst() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        applicants.activated(uscc);
        JsonNode list = PartyClient.json(applicants.me("GET", "/certificates", primary.token(), null));
        long otherId = list.get(1).get("id").asLong();
        String serial = list.get(1).get("serial").asText();
        Reply byCa = cn.huren.server.HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/demo-ca/revocations",
                Map.of("serial", serial, "reason", "KEY_COMPROMISE"));
        assertThat(byCa.status()).as(byCa.body()).isEqualTo(200);

        HttpResponse<String> revoked = revoke(primary.token(), otherId, confirmed("密钥泄露"));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(PartyClient.json(revoked).get("status").asText()).isEqualTo("REVOKED");
        List<String> events = rows(String.class, "select body from outbox_event where type = 'certificate.revoked' and body like ?",
                "%" + serial + "%");
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).contains("\"cause\":\"CA_REVOKED\"");
    }

    @Test
    @DisplayName("SX-15: a certificate of another CA the portal recognises is revoked at that CA (409, nothing changes here)")
    void otherCa() throws Exception {
        String uscc = Applicants.uscc();
        Applicants.Holder primary = applicants.enterprise(uscc);
        DemoCertificateAuthority foreign = DemoCertificateAuthority.root("外部 SM2 CA " + TENANT, KeyAlgorithm.SM2);
        PartyClient.trust(port, TENANT, foreign);
        Issued issued = PartyClient.enterpriseCertificate(foreign, "申请测试有限公司", uscc);
        String token = applicants.party.login(TENANT, issued);
        assertThat(applicants.me("POST", "/activation", token, Map.of("holderName", "外部证书")).statusCode()).isEqualTo(201);
        long id = PartyClient.json(applicants.me("GET", "/certificates", primary.token(), null)).get(1).get("id").asLong();

        HttpResponse<String> refused = revoke(primary.token(), id, confirmed("不再使用"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PartyClient.json(refused).get("type").asText()).isEqualTo("urn:huren:problem:revoke-at-issuing-ca");
        assertThat(rows(String.class, "select status from certificate_binding where id = ?", id)).containsExactly("ACTIVE");
        assertThat(applicants.me("GET", "/certificates", token, null).statusCode()).isEqualTo(200);
    }
}
