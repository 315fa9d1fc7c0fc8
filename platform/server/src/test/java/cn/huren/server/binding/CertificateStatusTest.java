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
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Disabling and enabling a bound certificate, and each certificate's usage log (APP-29, APP-30, APP-33). */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateStatusTest {

    static final String TENANT = "cst1";

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    CertificateBindings bindings;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("状态 SM2 CA", KeyAlgorithm.SM2);
    PartyClient client;

    @BeforeAll
    void setUp() {
        client = new PartyClient(port);
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
    }

    Issued certificate(String uscc) {
        return PartyClient.enterpriseCertificate(ca, "状态测试有限公司", uscc);
    }

    List<String> enterprise(Issued... certificates) throws Exception {
        return client.enterprise(TENANT, certificates);
    }

    long id(String token, int index) throws Exception {
        return PartyClient.json(client.call("GET", TENANT, "/certificates", token, null)).get(index).get("id").asLong();
    }

    Reply answer(Issued holder) {
        JsonNode c = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges", Map.of("mode", "TOKEN")).json();
        return HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", holder.pem(), "signature", HolderSignatures.sign(holder, c.get("message").asText())));
    }

    JsonNode post(String path, String token) throws Exception {
        return PartyClient.json(client.call("POST", TENANT, path, token, null));
    }

    <T> T sql(java.util.function.Supplier<T> work) {
        return TenantContext.callAs(tenants.require(TENANT), work);
    }

    @Test
    @DisplayName("APP-29, APP-30, APP-49: the primary disables another certificate: its sessions end, its login is refused "
            + "(certificate-disabled) and logged, it shows DISABLED here and in v1; only the primary re-enables it; the primary cannot disable itself")
    void disableAndEnable() throws Exception {
        String uscc = RegisteredParties.uscc(901);
        Issued first = certificate(uscc);
        Issued second = certificate(uscc);
        Issued third = certificate(uscc);
        List<String> tokens = enterprise(first, second, third);
        long firstId = id(tokens.get(0), 0);
        long secondId = id(tokens.get(0), 1);

        assertThat(post("/certificates/" + secondId + "/disable", tokens.get(2)).get("type").asText())
                .isEqualTo("urn:huren:problem:primary-certificate-required");
        assertThat(post("/certificates/" + firstId + "/disable", tokens.get(0)).get("type").asText())
                .as("the primary cannot disable itself").isEqualTo("urn:huren:problem:primary-not-disablable");
        assertThat(post("/certificates/99999/disable", tokens.get(0)).get("status").asInt()).isEqualTo(404);

        JsonNode disabled = post("/certificates/" + secondId + "/disable", tokens.get(0));
        assertThat(disabled.get("status").asText()).isEqualTo("DISABLED");
        assertThat(disabled.get("disabledBy").asText()).isEqualTo("party:" + partyOf(tokens.get(0)) + "/cert:"
                + first.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(post("/certificates/" + secondId + "/disable", tokens.get(0)).get("type").asText())
                .isEqualTo("urn:huren:problem:certificate-state");
        assertThat(client.call("GET", TENANT, "/certificates", tokens.get(1), null).statusCode())
                .as("APP-49: its sessions end at once").isEqualTo(401);

        Reply refused = answer(second);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:huren:problem:certificate-disabled");
        String serial = second.certificate().getSerialNumber().toString(16).toUpperCase();
        assertThat(sql(() -> data.jdbc().sql("select outcome || ':' || reason from login_log where serial = ? order by id desc limit 1")
                .param(serial).query(String.class).single())).startsWith("REFUSED:certificate-disabled");
        assertThat(sql(() -> data.jdbc().sql("select count(*) from login_challenge where state = 'FAILED'").query(Long.class).single()))
                .as("the refused challenge is used up").isPositive();

        assertThat(PartyClient.json(client.call("PATCH", TENANT, "/certificates/" + secondId, tokens.get(0), Map.of("primary", true)))
                .get("type").asText()).isEqualTo("urn:huren:problem:certificate-disabled");
        JsonNode list = PartyClient.json(client.call("GET", TENANT, "/certificates", tokens.get(2), null));
        assertThat(list.get(1).get("status").asText()).isEqualTo("DISABLED");
        assertThat(sql(() -> bindings.status(serial, new X500Principal(second.certificate().getIssuerX500Principal().getName()))
                .orElseThrow().status())).as("v1 tells trading systems").isEqualTo("DISABLED");
        assertThat(sql(() -> data.jdbc().sql("select body from outbox_event where type = 'party.changed' order by seq desc limit 1")
                .query(String.class).single())).contains("\"change\":\"CERTIFICATE_DISABLED\"").contains(serial);

        JsonNode staff = post("/certificates/" + secondId + "/enable", tokens.get(2));
        assertThat(staff.get("status").asInt()).isEqualTo(403);
        assertThat(staff.get("type").asText()).isEqualTo("urn:huren:problem:administrator-required");
        assertThat(staff.get("detail").asText()).contains("ask the administrator");

        assertThat(post("/certificates/" + secondId + "/enable", tokens.get(0)).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(post("/certificates/" + secondId + "/enable", tokens.get(0)).get("type").asText())
                .isEqualTo("urn:huren:problem:certificate-state");
        String again = client.login(TENANT, second);
        assertThat(client.call("GET", TENANT, "/certificates", again, null).statusCode()).isEqualTo(200);
        assertThat(sql(() -> data.jdbc().sql("select body from outbox_event where type = 'party.changed' order by seq desc limit 1")
                .query(String.class).single())).contains("\"change\":\"CERTIFICATE_ENABLED\"").contains("\"status\":\"ACTIVE\"");
    }

    @Test
    @DisplayName("APP-33: a certificate's log lists its logins and refused logins (by serial and issuer), its binding changes with who "
            + "made them and what was done with it, newest first, in pages; bad paging is a 400, another party's certificate a 404")
    void usageLog() throws Exception {
        String uscc = RegisteredParties.uscc(902);
        Issued first = certificate(uscc);
        Issued second = certificate(uscc);
        List<String> tokens = enterprise(first, second);
        long secondId = id(tokens.get(0), 1);
        JsonNode c = HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges", Map.of()).json();
        assertThat(HttpApi.anonymous(port).post("/api/t/" + TENANT + "/login/challenges/" + c.get("id").asText() + "/response",
                Map.of("certificate", second.pem(), "signature", HolderSignatures.sign(first, c.get("message").asText()))).status())
                .as("a wrong signature is refused").isEqualTo(401);
        post("/certificates/" + secondId + "/disable", tokens.get(0));
        post("/certificates/" + secondId + "/enable", tokens.get(0));
        assertThat(client.call("PATCH", TENANT, "/certificates/" + secondId, tokens.get(0), Map.of("holderName", "新经办人")).statusCode())
                .isEqualTo(200);
        String token = client.login(TENANT, second);
        assertThat(client.call("PATCH", TENANT, "/certificates/" + secondId, token, Map.of("holderName", "自己改")).statusCode()).isEqualTo(200);

        HttpResponse<String> r = client.call("GET", TENANT, "/certificates/" + secondId + "/log?size=100", tokens.get(0), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        PartyClient.json(r).get("entries").forEach(e -> lines.add(e.get("source").asText() + ":" + e.get("action").asText()));
        assertThat(lines).containsExactly("BINDING:HOLDER", "LOGIN:SUCCESS", "BINDING:HOLDER", "BINDING:ENABLE", "BINDING:DISABLE",
                "LOGIN:REFUSED", "BINDING:BIND", "LOGIN:SUCCESS");
        JsonNode entries = PartyClient.json(r).get("entries");
        String primaryActor = "party:" + partyOf(tokens.get(0)) + "/cert:" + first.certificate().getSerialNumber().toString(16).toUpperCase();
        assertThat(entries.get(4).get("actor").asText()).as("who disabled it").isEqualTo(primaryActor);
        assertThat(entries.get(4).get("actorHolder").asText()).isEqualTo("状态测试有限公司");
        assertThat(entries.get(5).get("detail").asText()).startsWith("signature-invalid");
        assertThat(entries.get(0).get("actorHolder").asText()).as("done with this certificate itself").isEqualTo("自己改");

        JsonNode page = PartyClient.json(client.call("GET", TENANT, "/certificates/" + secondId + "/log?size=3&page=1", tokens.get(0), null));
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(page.get("entries").get(0).get("action").asText()).isEqualTo("ENABLE");
        assertThat(client.call("GET", TENANT, "/certificates/" + secondId + "/log?size=0", tokens.get(0), null).statusCode()).isEqualTo(400);
        assertThat(client.call("GET", TENANT, "/certificates/" + secondId + "/log?size=101", tokens.get(0), null).statusCode()).isEqualTo(400);
        assertThat(client.call("GET", TENANT, "/certificates/" + secondId + "/log?page=-1", tokens.get(0), null).statusCode()).isEqualTo(400);

        List<String> stranger = enterprise(certificate(RegisteredParties.uscc(903)));
        assertThat(client.call("GET", TENANT, "/certificates/" + secondId + "/log", stranger.get(0), null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("answers arriving together share one statement; a disabled certificate's are refused, the others open their sessions")
    void disabledAmongConcurrentLogins() throws Exception {
        String uscc = RegisteredParties.uscc(904);
        Issued first = certificate(uscc);
        Issued second = certificate(uscc);
        List<String> tokens = enterprise(first, second);
        post("/certificates/" + id(tokens.get(0), 1) + "/disable", tokens.get(0));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Issued holder = i % 2 == 0 ? first : second;
                replies.add(pool.submit(() -> answer(holder)));
            }
            for (int i = 0; i < replies.size(); i++) {
                Reply r = replies.get(i).get();
                assertThat(r.status()).as(r.body()).isEqualTo(i % 2 == 0 ? 200 : 403);
            }
        } finally {
            pool.shutdown();
        }
        String serial = second.certificate().getSerialNumber().toString(16).toUpperCase();
        assertThat(sql(() -> data.jdbc().sql("select count(*) from login_log where serial = ? and outcome = 'REFUSED' "
                + "and reason like 'certificate-disabled%'").param(serial).query(Long.class).single())).isEqualTo(12);
        assertThat(sql(() -> data.jdbc().sql("select count(*) from party_session where certificate_serial = ? and expires_at > now()")
                .param(serial).query(Long.class).single())).isZero();
    }

    long partyOf(String token) throws Exception {
        return PartyClient.json(client.call("GET", TENANT, "", token, null)).get("party").get("id").asLong();
    }
}
