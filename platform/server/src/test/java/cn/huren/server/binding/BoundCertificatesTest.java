package cn.huren.server.binding;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Permission management: bound certificates, their live status, change and void (JS-73–JS-81). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundCertificatesTest {

    static final String OID = "1.2.156.10260.4.1.4";
    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes();

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    TestClock clock;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("权限 SM2 CA", KeyAlgorithm.SM2);
    final DemoCertificateAuthority other = DemoCertificateAuthority.root("权限 RSA CA", KeyAlgorithm.RSA);
    PartyClient client;
    String otherCaId;

    @AfterEach
    void putClockBack() {
        clock.reset();
    }

    @BeforeAll
    void setUp() {
        client = new PartyClient(port);
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("bnd1", "jiangsu"));
        op.post("/api/platform/tenants/bnd1/cas", Map.of("name", "SM2 CA", "certificate", ca.pem(), "identity", Map.of("source", "OID", "oid", OID)));
        otherCaId = op.post("/api/platform/tenants/bnd1/cas", Map.of("name", "RSA CA", "certificate", other.pem(),
                "identity", Map.of("source", "OID", "oid", OID))).json().get("id").asText();
    }

    Issued certificate(DemoCertificateAuthority issuer, String uscc, Duration validFor) {
        return issuer.issue(Subject.of("权限测试有限公司", null, Map.of(OID, uscc))
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(validFor)));
    }

    /** A registered enterprise with a primary certificate, and a second one activated. */
    String[] enterpriseWithTwoCertificates(String uscc, Issued first, Issued second) throws Exception {
        String primary = client.login("bnd1", first);
        assertThat(client.call("POST", "bnd1", "/register", primary, null).statusCode()).isEqualTo(201);
        String secondary = client.login("bnd1", second);
        assertThat(client.call("POST", "bnd1", "/activation", secondary, Map.of("holderName", "经办人")).statusCode()).isEqualTo(201);
        return new String[] {primary, secondary};
    }

    JsonNode list(String token) throws Exception {
        HttpResponse<String> r = client.call("GET", "bnd1", "/certificates", token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PartyClient.json(r);
    }

    @Test
    @DisplayName("JS-73, JS-78, JS-79, JS-80: the first key is primary; a secondary changes only its own user; the primary hands over the primary role")
    void changeRules() throws Exception {
        String uscc = RegisteredParties.uscc(801);
        Issued first = certificate(ca, uscc, Duration.ofDays(365));
        Issued second = certificate(ca, uscc, Duration.ofDays(365));
        String[] tokens = enterpriseWithTwoCertificates(uscc, first, second);
        JsonNode all = list(tokens[0]);
        assertThat(all).hasSize(2);
        long firstId = all.get(0).get("id").asLong();
        long secondId = all.get(1).get("id").asLong();
        assertThat(all.get(0).get("primary").asBoolean()).isTrue();
        assertThat(all.get(1).get("status").asText()).isEqualTo("ACTIVE");

        assertThat(client.call("PATCH", "bnd1", "/certificates/" + secondId, tokens[1], Map.of("holderName", "李四")).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = client.call("PATCH", "bnd1", "/certificates/" + firstId, tokens[1], Map.of("holderName", "王五"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(client.call("PATCH", "bnd1", "/certificates/" + secondId, tokens[1], Map.of("primary", true)).statusCode()).isEqualTo(403);

        HttpResponse<String> handOver = client.call("PATCH", "bnd1", "/certificates/" + secondId, tokens[0], Map.of("primary", true));
        assertThat(PartyClient.json(handOver).get("primary").asBoolean()).isTrue();
        JsonNode after = list(tokens[1]);
        assertThat(after.get(0).get("primary").asBoolean()).isFalse();
        assertThat(after.get(1).get("holderName").asText()).isEqualTo("李四");
        assertThat(client.call("PUT", "bnd1", "/basic-info", tokens[0], Map.of()).statusCode())
                .as("the former primary is read-only now (JS-80)").isEqualTo(403);
    }

    /** Logs in with the certificate as read from the medium {@code mediumId} (介质硬件号, JS-74). */
    String loginOn(Issued holder, String mediumId) {
        JsonNode c = HttpApi.anonymous(port).post("/api/t/bnd1/login/challenges", Map.of("mode", "TOKEN")).json();
        return HttpApi.anonymous(port).post("/api/t/bnd1/login/challenges/" + c.get("id").asText() + "/response", Map.of("certificate",
                holder.pem(), "signature", HolderSignatures.sign(holder, c.get("message").asText()), "mediumId", mediumId)).json()
                .get("token").asText();
    }

    String activated(Issued holder, String mediumId) throws Exception {
        String token = loginOn(holder, mediumId);
        assertThat(client.call("POST", "bnd1", "/activation", token, Map.of("holderName", "经办人")).statusCode()).isEqualTo(201);
        return token;
    }

    @Test
    @DisplayName("JS-78, JS-79: once the primary has expired, the renewed certificate on the primary's own medium takes the primary role "
            + "over (nobody else could hand it over), recorded in the ledger; a certificate on another medium, or any while the primary "
            + "is usable, does not")
    void renewedKeyTakesOverAnExpiredPrimary() throws Exception {
        String uscc = RegisteredParties.uscc(804);
        Issued shortLived = ca.issue(Subject.of("权限测试有限公司", null, Map.of(OID, uscc))
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plusSeconds(4)));
        String first = loginOn(shortLived, "UKEY-A");
        assertThat(client.call("POST", "bnd1", "/register", first, null).statusCode()).isEqualTo(201);
        activated(certificate(ca, uscc, Duration.ofDays(365)), "UKEY-A2");
        assertThat(list(first).get(1).get("primary").asBoolean()).as("the primary is usable: a second key is not primary").isFalse();

        clock.move(Duration.ofMillis(Math.max(0, Duration.between(clock.instant(), shortLived.certificate().getNotAfter().toInstant())
                .toMillis() + 200))); // the short-lived primary expires
        String elsewhere = activated(certificate(ca, uscc, Duration.ofDays(365)), "UKEY-B");
        assertThat(list(elsewhere).get(2).get("primary").asBoolean()).as("another medium is no evidence of being the administrator")
                .isFalse();
        String renewed = activated(certificate(ca, uscc, Duration.ofDays(365)), "UKEY-A");

        JsonNode after = list(renewed);
        assertThat(after).hasSize(4);
        assertThat(after.get(0).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(after.findValues("primary").stream().map(JsonNode::asBoolean).toList()).containsExactly(false, false, false, true);
        assertThat(client.call("PUT", "bnd1", "/basic-info", renewed, Map.of()).statusCode()).as("the renewed key acts as primary")
                .isNotEqualTo(403);
        long takenOver = after.get(0).get("id").asLong();
        assertThat(TenantContext.callAs(tenants.require("bnd1"), () -> data.jdbc().sql(
                "select count(*) from ledger_entry where record_type = 'certificate-binding' and record_id = ? and action = 'PRIMARY_HANDED_OVER'")
                .param(Long.toString(takenOver)).query(Long.class).single())).isEqualTo(1L);
    }

    @Test
    @DisplayName("JS-81, X-03: a void needs the primary, a reason and evidence; the primary itself cannot be voided; a voided entry is kept and cannot log in; trading systems are told")
    void voidRules() throws Exception {
        String uscc = RegisteredParties.uscc(802);
        Issued first = certificate(ca, uscc, Duration.ofDays(365));
        Issued second = certificate(ca, uscc, Duration.ofDays(365));
        String[] tokens = enterpriseWithTwoCertificates(uscc, first, second);
        JsonNode all = list(tokens[0]);
        long firstId = all.get(0).get("id").asLong();
        long secondId = all.get(1).get("id").asLong();
        String evidence = client.upload("bnd1", tokens[0], "proof.pdf", PDF);

        assertThat(client.call("POST", "bnd1", "/certificates/" + secondId + "/void", tokens[0], Map.of("reason", "离职")).statusCode()).isEqualTo(400);
        assertThat(client.call("POST", "bnd1", "/certificates/" + secondId + "/void", tokens[1],
                Map.of("reason", "离职", "evidence", evidence)).statusCode()).isEqualTo(403);
        assertThat(PartyClient.json(client.call("POST", "bnd1", "/certificates/" + firstId + "/void", tokens[0],
                Map.of("reason", "x", "evidence", evidence))).get("type").asText()).isEqualTo("urn:huren:problem:primary-not-voidable");

        JsonNode voided = PartyClient.json(client.call("POST", "bnd1", "/certificates/" + secondId + "/void", tokens[0],
                Map.of("reason", "经办人离职", "evidence", evidence)));
        assertThat(voided.get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.get("voidReason").asText()).isEqualTo("经办人离职");
        assertThat(TenantContext.callAs(tenants.require("bnd1"), () -> data.jdbc()
                .sql("select body from outbox_event where type = 'certificate.revoked' order by seq desc limit 1").query(String.class).single()))
                .as("X-03: trading systems are told").contains("\"status\":\"VOIDED\"").contains("\"cause\":\"BINDING_VOIDED\"");
        assertThat(list(tokens[0])).hasSize(2);
        assertThat(client.call("POST", "bnd1", "/certificates/" + secondId + "/void", tokens[0],
                Map.of("reason", "again", "evidence", evidence)).statusCode()).isEqualTo(409);
        assertThat(client.call("GET", "bnd1", "/certificates", tokens[1], null).statusCode()).as("its session ended").isEqualTo(401);
        JsonNode c = HttpApi.anonymous(port).post("/api/t/bnd1/login/challenges", Map.of("mode", "TOKEN")).json();
        HttpApi.Reply again = HttpApi.anonymous(port).post("/api/t/bnd1/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", second.pem(), "signature", HolderSignatures.sign(second, c.get("message").asText())));
        assertThat(again.status()).as("a voided certificate logs in no more").isEqualTo(403);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-voided");
    }

    @Test
    @DisplayName("APP-29, X-04: statuses are live: a certificate near its end warns 30 days ahead; one whose CA the operator disables turns INVALID")
    void liveStatuses() throws Exception {
        String uscc = RegisteredParties.uscc(803);
        Issued first = certificate(ca, uscc, Duration.ofDays(365));
        Issued soon = certificate(other, uscc, Duration.ofDays(10));
        String[] tokens = enterpriseWithTwoCertificates(uscc, first, soon);
        JsonNode all = list(tokens[0]);
        assertThat(all.get(0).get("expiresSoon").asBoolean()).isFalse();
        assertThat(all.get(1).get("expiresSoon").asBoolean()).isTrue();

        HttpApi.operator(port).post("/api/platform/tenants/bnd1/cas/" + otherCaId + "/disable", Map.of());
        JsonNode afterDisable = list(tokens[0]);
        assertThat(afterDisable.get(1).get("status").asText()).isEqualTo("INVALID");
        assertThat(afterDisable.get(1).get("statusReason").asText()).contains("recognises");
        HttpApi.operator(port).post("/api/platform/tenants/bnd1/cas/" + otherCaId + "/enable", Map.of());
    }
}
