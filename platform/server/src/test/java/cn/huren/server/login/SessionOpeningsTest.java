package cn.huren.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.party.PartyKind;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sessions of concurrent answers are written in groups, each answer still all or nothing and on its own. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionOpeningsTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionOpenings openings;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    JdbcClient sql;

    TenantDescriptor tenant;

    @BeforeAll
    void tenant() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("sop1", "jiangsu"));
        tenant = tenants.byCode("sop1").orElseThrow();
    }

    static SessionOpenings.Answer answer(UUID challenge, String tokenHash) {
        VerifiedCertificate certificate = new VerifiedCertificate("0A" + tokenHash.substring(0, 6), "CN=x", "CN=CA", Instant.now(),
                Instant.now().plusSeconds(3600), "SHA256withRSA", tokenHash, "CA", PartyKind.ENTERPRISE, "91350100M000100Y43", "示例公司");
        return new SessionOpenings.Answer(challenge, "nonce", new ChallengeSeals.Sealed(Instant.now().plusSeconds(60), CertificateLogin.Mode.TOKEN),
                certificate, tokenHash, new byte[] {1, 2, 3}, null, Instant.now().plusSeconds(3600));
    }

    List<Future<Optional<SessionOpenings.Opened>>> concurrently(List<SessionOpenings.Answer> answers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Optional<SessionOpenings.Opened>>> work = new ArrayList<>();
            answers.forEach(a -> work.add(() -> TenantContext.callAs(tenant, () -> openings.open(a))));
            return pool.invokeAll(work);
        } finally {
            pool.shutdown();
        }
    }

    static String hash(int i) {
        return String.format("%064x", i);
    }

    @Test
    @DisplayName("X-05: 200 concurrent answers each open their own session and log line, sent to registration")
    void concurrentAnswers() throws Exception {
        List<SessionOpenings.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(answer(UUID.randomUUID(), hash(1000 + i)));
        }
        for (Future<Optional<SessionOpenings.Opened>> f : concurrently(answers)) {
            assertThat(f.get()).hasValueSatisfying(o -> assertThat(o.next()).isEqualTo("REGISTER"));
        }
        assertThat(sql.sql("select count(*) from tenant_sop1.party_session where token_hash >= ? and token_hash < ?")
                .params(hash(1000), hash(1200)).query(Long.class).single()).isEqualTo(200);
        assertThat(sql.sql("select count(*) from tenant_sop1.login_log l join tenant_sop1.party_session s on s.challenge_id = l.challenge_id "
                + "where s.token_hash >= ? and s.token_hash < ? and l.outcome = 'SUCCESS'").params(hash(1000), hash(1200)).query(Long.class).single())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a challenge answered 20 times at once opens exactly one session")
    void oneChallengeManyAnswers() throws Exception {
        UUID challenge = UUID.randomUUID();
        List<SessionOpenings.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(answer(challenge, hash(2000 + i)));
        }
        long opened = 0;
        for (Future<Optional<SessionOpenings.Opened>> f : concurrently(answers)) {
            opened += f.get().isPresent() ? 1 : 0;
        }
        assertThat(opened).isEqualTo(1);
        assertThat(sql.sql("select count(*) from tenant_sop1.party_session where challenge_id = ?").param(challenge).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("an answer that cannot be written fails alone: the others of its group are opened")
    void badAnswerFailsAlone() throws Exception {
        List<SessionOpenings.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(answer(UUID.randomUUID(), hash(3000 + (i == 39 ? 0 : i)))); // the last reuses the first's session key
        }
        int failed = 0;
        int opened = 0;
        for (Future<Optional<SessionOpenings.Opened>> f : concurrently(answers)) {
            try {
                opened += f.get().isPresent() ? 1 : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(1);
        assertThat(opened).isEqualTo(39);
        assertThat(sql.sql("select count(*) from tenant_sop1.party_session where token_hash >= ? and token_hash < ?")
                .params(hash(3000), hash(3040)).query(Long.class).single()).isEqualTo(39);
    }
}
