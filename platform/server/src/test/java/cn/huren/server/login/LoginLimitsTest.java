package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.TestClock;
import cn.huren.server.certificate.HolderSignatures;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Login rate limits (per certificate or person, per client address) and the purge of ended
 * sessions. The shared test server's limits are high (the whole suite logs in from 127.0.0.1):
 * each test sets the limits it tests, and puts them and the clock back.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TENANT = "lim1";
    static final LoginLimits.Rate HIGH = new LoginLimits.Rate(100_000, Duration.ofMinutes(1));

    @LocalServerPort
    int port;

    @Autowired
    LoginLimits limits;

    @Autowired
    PartySessions sessions;

    @Autowired
    IdentityLogin identityLogin;

    @Autowired
    TestClock clock;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    PartyRegistration parties;

    @Autowired
    JdbcClient sql;

    final DemoCertificateAuthority ca = DemoCertificateAuthority.root("Limits CA", KeyAlgorithm.EC);
    LoginLimits.Rate configuredHolder;
    LoginLimits.Rate configuredAddress;

    @BeforeAll
    void tenant() {
        PartyClient.tenantTrusting(port, TENANT, "jiangsu", ca);
        configuredHolder = limits.perHolder();
        configuredAddress = limits.perAddress();
    }

    @AfterEach
    void putBack() {
        clock.reset();
        limits.limit(configuredHolder, configuredAddress);
    }

    Issued certificate(int n) {
        return PartyClient.enterpriseCertificate(ca, "限流测试公司" + n, RegisteredParties.uscc(9700 + n));
    }

    JsonNode challenge() throws Exception {
        return JSON.readTree(post("/api/t/" + TENANT + "/login/challenges", "{\"mode\":\"TOKEN\"}").body());
    }

    HttpResponse<String> answer(JsonNode challenge, Issued holder) throws Exception {
        return post("/api/t/" + TENANT + "/login/challenges/" + challenge.get("id").asText() + "/response", JSON.writeValueAsString(
                Map.of("certificate", holder.pem(), "signature", HolderSignatures.sign(holder, challenge.get("message").asText()))));
    }

    HttpResponse<String> login(Issued holder) throws Exception {
        return answer(challenge(), holder);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertLimited(HttpResponse<String> reply, long maxWaitSeconds) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(429);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(reply.body()).contains("urn:huren:problem:login-rate-limited");
        assertThat(Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, maxWaitSeconds);
    }

    long sessionsOf(Issued holder) {
        return sql.sql("select count(*) from tenant_" + TENANT + ".party_session where certificate_serial = ?")
                .param(holder.certificate().getSerialNumber().toString(16).toUpperCase()).query(Long.class).single();
    }

    @Test
    @DisplayName("a certificate over its login limit gets 429 with Retry-After and no session; after the wait the same challenge logs in")
    void perCertificate() throws Exception {
        limits.limit(new LoginLimits.Rate(3, Duration.ofMinutes(1)), HIGH);
        Issued holder = certificate(1);
        Issued other = certificate(2);
        for (int i = 0; i < 3; i++) {
            assertThat(login(holder).statusCode()).isEqualTo(200);
        }
        JsonNode refused = challenge();
        assertLimited(answer(refused, holder), 20);
        assertThat(login(other).statusCode()).as("another certificate has its own allowance").isEqualTo(200);

        clock.move(Duration.ofSeconds(20));
        HttpResponse<String> again = answer(refused, holder);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertLimited(login(holder), 20);
    }

    @Test
    @DisplayName("a client address over its login limit gets 429 with Retry-After, whatever certificate it answers with; after the window it logs in again")
    void perAddress() throws Exception {
        limits.limit(HIGH, new LoginLimits.Rate(4, Duration.ofMinutes(1)));
        for (int i = 0; i < 4; i++) {
            assertThat(login(certificate(10 + i)).statusCode()).isEqualTo(200);
        }
        assertLimited(login(certificate(20)), 15);
        // a bad answer is limited before it is even checked, and nothing of it is written
        long logLines = sql.sql("select count(*) from tenant_" + TENANT + ".login_log").query(Long.class).single();
        assertLimited(post("/api/t/" + TENANT + "/login/challenges/" + challenge().get("id").asText() + "/response",
                "{\"certificate\":\"AAAA\",\"signature\":\"AAAA\"}"), 15);
        assertLimited(post("/api/t/" + TENANT + "/login/challenges/" + challenge().get("id").asText() + "/scan", ""), 15);
        assertThat(sql.sql("select count(*) from tenant_" + TENANT + ".login_log").query(Long.class).single()).isEqualTo(logLines);

        clock.move(Duration.ofMinutes(1));
        assertThat(login(certificate(20)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an identity-provider sign-in (苏服办) is limited per person and per address where its session opens")
    void identitySessions() {
        limits.limit(new LoginLimits.Rate(2, Duration.ofMinutes(1)), new LoginLimits.Rate(3, Duration.ofMinutes(1)));
        TenantDescriptor tenant = tenants.byCode(TENANT).orElseThrow();
        long person = TenantContext.callAs(tenant, () -> parties.register(
                new VerifiedIdentity(PartyKind.NATURAL_PERSON, "440524199001010018", "陈六", "sufuban")).id());
        IdentityLogin.IdentityParty party = new IdentityLogin.IdentityParty(person, "陈六");
        TenantContext.callAs(tenant, () -> identityLogin.openIdentity("440524199001010018", "sufuban", "203.0.113.7", () -> party));
        TenantContext.callAs(tenant, () -> identityLogin.openIdentity("440524199001010018", "sufuban", "2001:db8:7::1", () -> party));
        assertThatThrownBy(() -> TenantContext.callAs(tenant,
                () -> identityLogin.openIdentity("440524199001010018", "sufuban", "203.0.113.9", () -> party)))
                .isInstanceOf(TooManyRequests.class);
        assertThat(TenantContext.callAs(tenant, () -> limitedAddress(tenant))).isTrue();
    }

    @Test
    @DisplayName("an identity-provider sign-in over a limit writes nothing: the limits are charged before the person's party is registered")
    void identityLimitedBeforeRegistration() {
        limits.limit(HIGH, new LoginLimits.Rate(1, Duration.ofMinutes(1)));
        TenantDescriptor tenant = tenants.byCode(TENANT).orElseThrow();
        String first = "110101199003070097";
        String second = "110101199003070118";
        TenantContext.callAs(tenant, () -> identityLogin.openIdentity(first, "sufuban", "2001:db8:5:6::1", () -> new IdentityLogin.IdentityParty(
                parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, first, "甲", "sufuban")).id(), "甲")));
        long partiesBefore = sql.sql("select count(*) from tenant_" + TENANT + ".party").query(Long.class).single();
        boolean[] registered = {false};
        assertThatThrownBy(() -> TenantContext.callAs(tenant, () -> identityLogin.openIdentity(second, "sufuban",
                "2001:db8:5:6:ffff::9", // another address of the same /64
                () -> {
                    registered[0] = true;
                    return new IdentityLogin.IdentityParty(
                            parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, second, "乙", "sufuban")).id(), "乙");
                }))).isInstanceOf(TooManyRequests.class);
        assertThat(registered[0]).as("the party was never looked up nor registered").isFalse();
        assertThat(sql.sql("select count(*) from tenant_" + TENANT + ".party").query(Long.class).single()).isEqualTo(partiesBefore);
    }

    /** The address 198.51.100.1 spends its 3 sign-ins on three people and is refused the fourth. */
    private boolean limitedAddress(TenantDescriptor tenant) {
        String[] ids = {"110101199003070011", "110101199003070038", "110101199003070054", "110101199003070070"};
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            String name = "测试" + i;
            try {
                identityLogin.openIdentity(id, "sufuban", "198.51.100.1", () -> new IdentityLogin.IdentityParty(
                        parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, id, name, "sufuban")).id(), name));
            } catch (TooManyRequests e) {
                return i == 3;
            }
        }
        return false;
    }

    @Test
    @DisplayName("under a login storm of one certificate the session table stays bounded: the limit lets a few through, the purge deletes them once ended past the retention")
    void storm() throws Exception {
        limits.limit(new LoginLimits.Rate(5, Duration.ofHours(1)), HIGH); // an hour: the test's own seconds add next to nothing
        Issued holder = certificate(30);
        int opened = 0;
        for (int hour = 0; hour < 3; hour++) {
            for (int i = 0; i < 40; i++) {
                opened += login(holder).statusCode() == 200 ? 1 : 0;
            }
            clock.move(Duration.ofHours(1));
        }
        assertThat(opened).as("5 an hour of 120 tries").isEqualTo(15);
        assertThat(sessionsOf(holder)).isEqualTo(15);

        TenantDescriptor tenant = tenants.byCode(TENANT).orElseThrow();
        assertThat(TenantContext.callAs(tenant, sessions::purgeEnded)).as("live sessions stay").isZero();
        assertThat(sessionsOf(holder)).isEqualTo(15);

        clock.move(CertificateLogin.SESSION_TTL.plus(Duration.ofDays(1)).plusMinutes(1)); // expired, and a day's retention passed
        TenantContext.callAs(tenant, sessions::purgeEnded);
        assertThat(sessionsOf(holder)).isZero();
        assertThat(sql.sql("select count(*) from tenant_" + TENANT + ".login_log where outcome = 'SUCCESS' and serial = ?")
                .param(holder.certificate().getSerialNumber().toString(16).toUpperCase()).query(Long.class).single())
                .as("the login log keeps the history").isEqualTo(15);
    }
}
