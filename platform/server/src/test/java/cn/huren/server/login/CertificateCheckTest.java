package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The certificate check (检测证书, APP-34): every login check, one by one, plus possession; changes nothing. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateCheckTest {

    static final String TENANT = "cst2";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("检测 SM2 CA", KeyAlgorithm.SM2);
    final DemoCertificateAuthority other = DemoCertificateAuthority.root("检测 RSA CA", KeyAlgorithm.RSA);
    PartyClient client;
    String otherCaId;

    @BeforeAll
    void setUp() {
        client = new PartyClient(port);
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        otherCaId = PartyClient.trust(port, TENANT, other);
    }

    Issued certificate(DemoCertificateAuthority issuer, String uscc) {
        return PartyClient.enterpriseCertificate(issuer, "检测测试有限公司", uscc);
    }

    JsonNode check(String token, long id, Object body) throws Exception {
        return PartyClient.json(client.call("POST", TENANT, "/certificates/" + id + "/check", token, body));
    }

    static Map<String, String> outcomes(JsonNode report) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        report.get("checks").forEach(c -> outcomes.put(c.get("name").asText(), c.get("outcome").asText()));
        return outcomes;
    }

    long changes() {
        return TenantContext.callAs(tenants.require(TENANT), () -> data.jdbc()
                .sql("select (select count(*) from ledger_entry) + (select count(*) from login_log) + (select count(*) from login_challenge)")
                .query(Long.class).single());
    }

    @Test
    @DisplayName("APP-34: the check runs validity, key usage, chain, revocation, identity and binding; with the key's signature over a fresh "
            + "check challenge it proves possession; another key fails it; it changes nothing")
    void checkWithPossession() throws Exception {
        String uscc = RegisteredParties.uscc(911);
        Issued first = certificate(ca, uscc);
        String token = client.enterprise(TENANT, first).get(0);
        long id = PartyClient.json(client.call("GET", TENANT, "/certificates", token, null)).get(0).get("id").asLong();
        long before = changes();

        JsonNode serverOnly = check(token, id, null);
        assertThat(outcomes(serverOnly)).containsExactly(Map.entry("validity", "PASSED"), Map.entry("key-usage", "PASSED"),
                Map.entry("chain", "PASSED"), Map.entry("revocation", "PASSED"), Map.entry("identity", "PASSED"),
                Map.entry("binding", "PASSED"), Map.entry("possession", "NOT_RUN"));
        assertThat(serverOnly.get("usable").asBoolean()).isTrue();
        assertThat(serverOnly.get("checks").get(2).get("detail").asText()).isEqualTo("SM2 CA");
        assertThat(serverOnly.get("checks").get(4).get("detail").asText()).isEqualTo(uscc);

        JsonNode challenge = PartyClient.json(client.call("POST", TENANT, "/certificates/" + id + "/check/challenge", token, null));
        String message = challenge.get("message").asText();
        assertThat(message).startsWith("huren-check:" + TENANT + ":" + id + ":");
        JsonNode possessed = check(token, id, Map.of("challenge", challenge.get("id").asText(), "signature", HolderSignatures.sign(first, message)));
        assertThat(outcomes(possessed)).containsEntry("possession", "PASSED");

        Issued stranger = certificate(ca, RegisteredParties.uscc(912));
        JsonNode wrongKey = check(token, id, Map.of("challenge", challenge.get("id").asText(), "signature", HolderSignatures.sign(stranger, message)));
        assertThat(outcomes(wrongKey)).containsEntry("possession", "FAILED");
        assertThat(wrongKey.get("usable").asBoolean()).as("the certificate itself is still fine").isTrue();

        assertThat(check(token, id, Map.of("signature", "AAAA")).get("status").asInt()).as("a signature without its challenge").isEqualTo(400);
        assertThat(check(token, id, Map.of("challenge", UUID.randomUUID().toString(), "signature", "AAAA")).get("status").asInt())
                .as("a challenge this portal did not issue").isEqualTo(400);
        assertThat(check(token, id, Map.of("challenge", challenge.get("id").asText(), "signature", "%%%")).get("status").asInt()).isEqualTo(400);
        assertThat(check(token, 99999, null).get("status").asInt()).isEqualTo(404);
        assertThat(PartyClient.json(client.call("POST", TENANT, "/certificates/" + id + "/check/challenge", token, null)).get("id").asText())
                .isNotEqualTo(challenge.get("id").asText());
        assertThat(changes()).as("the check wrote nothing: no ledger entry, login log row or challenge row").isEqualTo(before);
        assertThat(client.login(TENANT, first)).as("a check challenge is no login").isNotBlank();
    }

    @Test
    @DisplayName("APP-34, X-04: a certificate whose CA the operator disabled fails the chain check and the later checks are not run; "
            + "a disabled binding fails the binding check; neither is usable")
    void failingChecks() throws Exception {
        String uscc = RegisteredParties.uscc(913);
        String token = client.enterprise(TENANT, certificate(ca, uscc), certificate(other, uscc)).get(0);
        long secondId = PartyClient.json(client.call("GET", TENANT, "/certificates", token, null)).get(1).get("id").asLong();

        HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/cas/" + otherCaId + "/disable", Map.of());
        try {
            JsonNode report = check(token, secondId, null);
            assertThat(outcomes(report)).containsEntry("chain", "FAILED").containsEntry("revocation", "NOT_RUN")
                    .containsEntry("identity", "NOT_RUN").containsEntry("binding", "PASSED");
            assertThat(report.get("checks").get(2).get("kind").asText()).isEqualTo("certificate-untrusted");
            assertThat(report.get("usable").asBoolean()).isFalse();
        } finally {
            HttpApi.operator(port).post("/api/platform/tenants/" + TENANT + "/cas/" + otherCaId + "/enable", Map.of());
        }
        client.call("POST", TENANT, "/certificates/" + secondId + "/disable", token, null);
        JsonNode disabled = check(token, secondId, null);
        assertThat(outcomes(disabled)).containsEntry("chain", "PASSED").containsEntry("binding", "FAILED");
        assertThat(disabled.get("checks").get(5).get("kind").asText()).isEqualTo("certificate-disabled");
        assertThat(disabled.get("usable").asBoolean()).isFalse();
    }
}
