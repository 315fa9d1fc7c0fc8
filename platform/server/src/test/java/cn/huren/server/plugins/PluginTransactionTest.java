package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.SyncEvent;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A plugin's writes (through the JdbcClient its context gets from the host) and its outbox events
 * (SyncEvents) share the transaction they run in: both commit or both roll back.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginTransactionTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantData data;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EntityManager entityManager;

    GenericApplicationContext host;
    JdbcClient pluginJdbc;
    SyncEvents sync;
    TransactionTemplate tx;

    @BeforeAll
    void plugin() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ptxa", "jiangsu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("ptxb", "jiangsu"));
        host = hostServices.parentContext();
        pluginJdbc = host.getBean(JdbcClient.class);
        sync = hostServices.syncEvents("jiangsu");
        tx = new TransactionTemplate(transactions);
    }

    @Test
    @DisplayName("a plugin write and its outbox event in one transaction both commit")
    void bothCommit() {
        String state = write("commit", false);

        assertThat(rows("ptxa", state)).isEqualTo(1);
        assertThat(events("ptxa", state)).isEqualTo(1);
    }

    @Test
    @DisplayName("a plugin write and its outbox event in one transaction both roll back")
    void bothRollBack() {
        String state = write("rollback", true);

        assertThat(rows("ptxa", state)).isZero();
        assertThat(events("ptxa", state)).isZero();
    }

    @Test
    @DisplayName("a plugin write fails the transaction after an outbox event: neither is kept")
    void failureRollsBackBoth() {
        String state = state();
        assertThatThrownBy(() -> TenantContext.runAs(tenant("ptxa"), () -> tx.executeWithoutResult(s -> {
            sync.publish(new SyncEvent("tx-test", state, Map.of("state", state)));
            insert(state);
            insert(state); // the same primary key again
        }))).isNotNull();

        assertThat(rows("ptxa", state)).isZero();
        assertThat(events("ptxa", state)).isZero();
    }

    @Test
    @DisplayName("inside a transaction, tenant JDBC runs on the JPA transaction's own connection")
    void sameConnectionAsJpa() {
        TenantContext.runAs(tenant("ptxa"), () -> tx.executeWithoutResult(s -> {
            Object jpa = entityManager.createNativeQuery("select txid_current()").getSingleResult();
            long plugin = pluginJdbc.sql("select txid_current()").query(Long.class).single();
            long core = data.jdbc().sql("select txid_current()").query(Long.class).single();
            assertThat(((Number) jpa).longValue()).isEqualTo(plugin).isEqualTo(core);
            assertThat(pluginJdbc.sql("select current_schema()").query(String.class).single()).isEqualTo(tenant("ptxa").schema());
        }));
    }

    @Test
    @DisplayName("outside a transaction a plugin write autocommits on its tenant's schema")
    void autocommitOutsideTransaction() {
        String state = state();
        TenantContext.runAs(tenant("ptxa"), () -> insert(state));

        assertThat(rows("ptxa", state)).isEqualTo(1);
        assertThat(rows("ptxb", state)).isZero();
    }

    @Test
    @DisplayName("a transaction opened for another tenant, or for none, is refused rather than joined")
    void foreignTransactionRefused() {
        assertThatThrownBy(() -> TenantContext.runAs(tenant("ptxa"), () -> tx.executeWithoutResult(s ->
                TenantContext.runAs(tenant("ptxb"), () -> pluginJdbc.sql("select count(*) from js_sufuban_login").query(Long.class).single()))))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining(tenant("ptxb").schema());
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            entityManager.createNativeQuery("select 1").getSingleResult(); // the transaction's connection, on platform
            TenantContext.runAs(tenant("ptxb"), () -> pluginJdbc.sql("select count(*) from js_sufuban_login").query(Long.class).single());
        })).hasRootCauseInstanceOf(IllegalStateException.class);
    }

    /** A plugin write and an event in one transaction, rolled back or not; the state written. */
    private String write(String what, boolean rollBack) {
        String state = state();
        TenantContext.runAs(tenant("ptxa"), () -> tx.executeWithoutResult(s -> {
            insert(state);
            sync.publish(new SyncEvent("tx-test", state, Map.of("what", what)));
            if (rollBack) {
                s.setRollbackOnly();
            }
        }));
        return state;
    }

    /** A state hash: 64 characters, as the column. */
    private static String state() {
        return (UUID.randomUUID() + "" + UUID.randomUUID()).replace("-", "");
    }

    private void insert(String state) {
        pluginJdbc.sql("""
                insert into js_sufuban_login (state_hash, browser_hash, code_verifier, redirect_uri, expires_at, created_at)
                values (?, 'browser', 'verifier', 'http://localhost/', ?, now())""")
                .params(state, Timestamp.from(Instant.now().plusSeconds(600))).update();
    }

    private long rows(String code, String state) {
        return TenantContext.callAs(tenant(code), () -> data.jdbc().sql("select count(*) from js_sufuban_login where state_hash = ?")
                .param(state).query(Long.class).single());
    }

    private long events(String code, String state) {
        return TenantContext.callAs(tenant(code), () -> data.jdbc()
                .sql("select count(*) from outbox_event where type = 'jiangsu.tx-test' and party_key = ?")
                .param(state).query(Long.class).single());
    }

    private TenantDescriptor tenant(String code) {
        return tenants.require(code);
    }
}
