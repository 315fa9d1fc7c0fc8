package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi.Reply;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.democa.DemoCertificateAuthority.Subject;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Challenge, signature, checks, session — as a USB key (TOKEN mode) or an app (MOBILE mode) does it. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class CertificateLoginTest {

    static final String OID_USCC = "1.2.156.10260.4.1.4";

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    CertificateBindings bindings;

    @Autowired
    CertificateVerifier verifier;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    JdbcClient sql;

    Map<KeyAlgorithm, DemoCertificateAuthority> cas = Map.of(KeyAlgorithm.RSA, DemoCertificateAuthority.root("RSA CA", KeyAlgorithm.RSA),
            KeyAlgorithm.EC, DemoCertificateAuthority.root("EC CA", KeyAlgorithm.EC), KeyAlgorithm.SM2, DemoCertificateAuthority.root("SM2 CA", KeyAlgorithm.SM2));

    @BeforeAll
    void tenantsAndCas() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("lgn1", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("lgn2", "shanxi"));
        cas.forEach((alg, ca) -> op.post("/api/platform/tenants/lgn1/cas", Map.of("name", alg + " CA", "certificate", ca.pem(),
                "identity", Map.of("source", "OID", "oid", OID_USCC))));
    }

    Issued enterpriseCertificate(KeyAlgorithm alg, String uscc) {
        return cas.get(alg).issue(Subject.of("示例公司", null, Map.of(OID_USCC, uscc)));
    }

    JsonNode challenge(String tenant, String mode) {
        Reply reply = HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges", Map.of("mode", mode));
        assertThat(reply.status()).isEqualTo(201);
        return reply.json();
    }

    @Autowired
    ChallengeSeals seals;

    /** A genuine challenge with a chosen expiry, as the server would have issued it then. */
    JsonNode sealedChallenge(String tenant, java.time.Instant expiresAt) {
        TenantDescriptor descriptor = tenants.byCode(tenant).orElseThrow();
        return TenantContext.callAs(descriptor, () -> {
            java.util.UUID id = seals.issue(CertificateLogin.Mode.TOKEN, expiresAt);
            return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("id", id.toString(),
                    "message", CertificateLogin.message(id, seals.nonce(id))));
        });
    }

    Reply answer(String tenant, JsonNode challenge, Issued holder, String signature) {
        return HttpApi.anonymous(port).post("/api/t/" + tenant + "/login/challenges/" + challenge.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", signature));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyAlgorithm.class)
    @DisplayName("JS-02, JS-03: a valid certificate of an unknown enterprise signs the challenge and is sent to registration (RSA, ECDSA, SM2)")
    void eachAlgorithm(KeyAlgorithm alg) throws Exception {
        Issued holder = enterpriseCertificate(alg, "91350100M000100Y43");
        JsonNode c = challenge("lgn1", "TOKEN");
        assertThat(c.get("message").asText()).isEqualTo("huren-login:lgn1:" + c.get("id").asText() + ":" + c.get("nonce").asText());

        JsonNode result = answer("lgn1", c, holder, HolderSignatures.sign(holder, c.get("message").asText())).json();

        assertThat(result.get("status").asText()).isEqualTo("AUTHENTICATED");
        assertThat(result.get("next").asText()).isEqualTo("REGISTER");
        assertThat(result.get("holderIdentifier").asText()).isEqualTo("91350100M000100Y43");
        assertThat(result.get("token").asText()).hasSizeGreaterThan(30);
    }

    @Test
    @DisplayName("JS-17, JS-18, X-05: a registered party's unbound certificate leads to activation; once bound, straight in")
    void activationThenBound() throws Exception {
        TenantDescriptor tenant = tenants.byCode("lgn1").orElseThrow();
        long party = TenantContext.callAs(tenant, () -> parties.register(
                new VerifiedIdentity(PartyKind.ENTERPRISE, "91110000802100433B", "北京示例公司", "ukey")).id());
        Issued holder = enterpriseCertificate(KeyAlgorithm.SM2, "91110000802100433B");

        JsonNode c1 = challenge("lgn1", "TOKEN");
        assertThat(answer("lgn1", c1, holder, HolderSignatures.sign(holder, c1.get("message").asText())).json().get("next").asText()).isEqualTo("ACTIVATE");

        TenantContext.runAs(tenant, () -> bindings.bind(party, verifier.verify(encoded(holder), List.of()), encoded(holder),
                CertificateBindings.Medium.TOKEN, "UKEY-0001", "张三", "party:" + party));
        JsonNode c2 = challenge("lgn1", "TOKEN");
        JsonNode result = answer("lgn1", c2, holder, HolderSignatures.sign(holder, c2.get("message").asText())).json();
        assertThat(result.get("next").isNull()).isTrue();
        assertThat(result.get("partyId").asLong()).isEqualTo(party);
    }

    @Test
    @DisplayName("a challenge is single use: a replay, or a second try after a wrong signature, is refused; a USB-key challenge cannot be scanned")
    void singleUse() throws Exception {
        Issued holder = enterpriseCertificate(KeyAlgorithm.EC, "91350100M000100Y43");
        JsonNode c = challenge("lgn1", "TOKEN");
        String signature = HolderSignatures.sign(holder, c.get("message").asText());
        assertThat(answer("lgn1", c, holder, signature).status()).isEqualTo(200);

        Reply replay = answer("lgn1", c, holder, signature);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().get("type").asText()).isEqualTo("urn:huren:problem:challenge-used");
        assertThat(sql.sql("select count(*) from tenant_lgn1.login_challenge where id = ?::uuid").param(c.get("id").asText())
                .query(Long.class).single()).as("a TOKEN answer's claim is its session; the refused replay marks nothing").isZero();
        assertThat(HttpApi.anonymous(port).get("/api/t/lgn1/login/challenges/" + c.get("id").asText()).json().get("state").asText())
                .isEqualTo("AUTHENTICATED");

        JsonNode c2 = challenge("lgn1", "TOKEN");
        Reply wrong = answer("lgn1", c2, holder, HolderSignatures.sign(holder, "huren-login:lgn1:other:message"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asText()).isEqualTo("urn:huren:problem:signature-invalid");
        assertThat(answer("lgn1", c2, holder, HolderSignatures.sign(holder, c2.get("message").asText())).status()).isEqualTo(409);

        JsonNode c3 = challenge("lgn1", "TOKEN");
        Reply scanned = HttpApi.anonymous(port).post("/api/t/lgn1/login/challenges/" + c3.get("id").asText() + "/scan", Map.of());
        assertThat(scanned.status()).isEqualTo(409);
        assertThat(scanned.json().get("type").asText()).isEqualTo("urn:huren:problem:challenge-not-scannable");
        assertThat(answer("lgn1", c3, holder, HolderSignatures.sign(holder, c3.get("message").asText())).status())
                .as("a USB-key challenge is not scanned, so a scan does not use it up").isEqualTo(200);
    }

    @Test
    @DisplayName("an expired challenge, an untrusted CA, another tenant's challenge, garbage: each refused with a reason and logged")
    void refusals() throws Exception {
        Issued holder = enterpriseCertificate(KeyAlgorithm.RSA, "91350100M000100Y43");

        JsonNode expired = sealedChallenge("lgn1", java.time.Instant.now().minusSeconds(1));
        assertThat(answer("lgn1", expired, holder, HolderSignatures.sign(holder, expired.get("message").asText())).status()).isEqualTo(410);

        JsonNode genuine = challenge("lgn1", "TOKEN");
        java.util.UUID id = java.util.UUID.fromString(genuine.get("id").asText());
        java.util.UUID forged = new java.util.UUID(id.getMostSignificantBits() + (1L << 32), id.getLeastSignificantBits());
        com.fasterxml.jackson.databind.node.ObjectNode later = ((com.fasterxml.jackson.databind.node.ObjectNode) genuine.deepCopy()).put("id", forged.toString());
        Reply tampered = answer("lgn1", later, holder, HolderSignatures.sign(holder, genuine.get("message").asText().replace(id.toString(), forged.toString())));
        assertThat(tampered.status()).as("an id whose sealed expiry was moved is no challenge of this portal").isEqualTo(404);

        Issued stranger = DemoCertificateAuthority.root("Stranger CA", KeyAlgorithm.RSA).issue(Subject.of("x", null, Map.of(OID_USCC, "91350100M000100Y43")));
        JsonNode c = challenge("lgn1", "TOKEN");
        Reply untrusted = answer("lgn1", c, stranger, HolderSignatures.sign(stranger, c.get("message").asText()));
        assertThat(untrusted.status()).isEqualTo(403);
        assertThat(untrusted.json().get("detail").asText()).contains("RSA CA");

        JsonNode elsewhere = challenge("lgn1", "TOKEN");
        assertThat(answer("lgn2", elsewhere, holder, HolderSignatures.sign(holder, elsewhere.get("message").asText())).status())
                .as("a js-like tenant's challenge does not exist for another tenant").isEqualTo(404);
        JsonNode other = challenge("lgn2", "TOKEN");
        assertThat(answer("lgn2", other, holder, HolderSignatures.sign(holder, other.get("message").asText())).status())
                .as("lgn2 trusts none of these CAs").isEqualTo(403);

        JsonNode g = challenge("lgn1", "TOKEN");
        Reply garbage = HttpApi.anonymous(port).post("/api/t/lgn1/login/challenges/" + g.get("id").asText() + "/response",
                Map.of("certificate", Base64.getEncoder().encodeToString("garbage".getBytes()), "signature", "AAAA"));
        assertThat(garbage.status()).isEqualTo(400);

        List<String> outcomes = sql.sql("select outcome || ':' || coalesce(reason, '') from tenant_lgn1.login_log").query(String.class).list();
        assertThat(outcomes).anyMatch(o -> o.startsWith("REFUSED:challenge-expired"))
                .anyMatch(o -> o.startsWith("REFUSED:certificate-untrusted")).anyMatch(o -> o.startsWith("SUCCESS"));
    }

    @Test
    @DisplayName("MOBILE mode: the app's answer returns no token; the page sees the challenge authenticated")
    void mobileMode() throws Exception {
        Issued holder = enterpriseCertificate(KeyAlgorithm.SM2, "91350100M000100Y43");
        JsonNode c = challenge("lgn1", "MOBILE");
        assertThat(HttpApi.anonymous(port).get("/api/t/lgn1/login/challenges/" + c.get("id").asText()).json().get("state").asText())
                .isEqualTo("PENDING");

        JsonNode result = answer("lgn1", c, holder, HolderSignatures.sign(holder, c.get("message").asText())).json();

        assertThat(result.get("token").isNull()).isTrue();
        assertThat(HttpApi.anonymous(port).get("/api/t/lgn1/login/challenges/" + c.get("id").asText()).json().get("state").asText())
                .isEqualTo("AUTHENTICATED");
    }

    public static byte[] encoded(Issued holder) {
        try {
            return holder.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    LoginRecords records;

    @Test
    @DisplayName("challenge rows expired over ten minutes ago are purged; recent ones stay (their single use still counts)")
    void expiredChallengeRowsArePurged() throws Exception {
        Issued holder = enterpriseCertificate(KeyAlgorithm.EC, "91350100M000100Y43");
        JsonNode old = challenge("lgn1", "MOBILE"); // a MOBILE challenge has a row once answered; a TOKEN one, none
        JsonNode recent = challenge("lgn1", "MOBILE");
        for (JsonNode c : List.of(old, recent)) {
            assertThat(answer("lgn1", c, holder, HolderSignatures.sign(holder, c.get("message").asText())).status()).isEqualTo(200);
        }
        sql.sql("update tenant_lgn1.login_challenge set expires_at = now() - interval '11 minutes' where id = ?::uuid")
                .param(old.get("id").asText()).update();

        int purged = TenantContext.callAs(tenants.byCode("lgn1").orElseThrow(), records::purgeExpired);

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(sql.sql("select count(*) from tenant_lgn1.login_challenge where id in (?::uuid, ?::uuid)")
                .params(old.get("id").asText(), recent.get("id").asText()).query(Long.class).single()).isEqualTo(1L);
        assertThat(answer("lgn1", recent, holder, HolderSignatures.sign(holder, recent.get("message").asText())).status()).isEqualTo(409);
    }
}
