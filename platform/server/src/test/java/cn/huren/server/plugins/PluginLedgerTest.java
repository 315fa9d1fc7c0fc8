package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** The PluginLedger host service: a plugin's state changes on its tenant's own hash-chained ledger, in the change's transaction. */
@IntegrationTest
class PluginLedgerTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ChangeLedger core;

    <T> T in(String tenant, Supplier<T> work) {
        return TenantContext.callAs(tenants.require(tenant), work);
    }

    @Test
    @DisplayName("a plugin's entries are its own record types on its tenant's chained ledger, which still verifies; none outside a "
            + "transaction, none rolled back, none for a tenant on another plugin, no malformed type or action")
    void entries() {
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("pldg1", "neimenggu")).status()).isEqualTo(201);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("pldg2", "neimenggu")).status()).isEqualTo(201);
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("pldg3", "jiangsu")).status()).isEqualTo(201);
        PluginLedger ledger = hostServices.perPlugin("neimenggu").values().stream()
                .filter(PluginLedger.class::isInstance).map(PluginLedger.class::cast).findFirst().orElseThrow();

        PluginLedger.Entry first = in("pldg1", () -> tx.execute(s -> ledger.record("sync-run", "7", "SUBMITTED",
                Map.of("version", 1, "digest", "abc"), "party:42")));
        in("pldg1", () -> tx.execute(s -> ledger.record("sync-run", "7", "APPLIED", Map.of("version", 1), "system")));
        assertThat(first.recordType()).isEqualTo("neimenggu.sync-run");
        assertThat(first.entryHash()).hasSize(64);
        assertThat(in("pldg1", () -> ledger.history("sync-run", "7"))).extracting(PluginLedger.Entry::action)
                .containsExactly("SUBMITTED", "APPLIED");
        assertThat(in("pldg1", () -> core.history("neimenggu.sync-run", "7"))).hasSize(2);
        assertThat(in("pldg1", () -> core.verify()).intact()).isTrue();
        assertThat(in("pldg2", () -> ledger.history("sync-run", "7"))).as("another tenant's ledger").isEmpty();

        assertThatThrownBy(() -> in("pldg1", () -> ledger.record("sync-run", "8", "SUBMITTED", Map.of(), "party:42")))
                .as("outside a transaction").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in("pldg1", () -> tx.execute(s -> {
            ledger.record("sync-run", "9", "SUBMITTED", Map.of(), "party:42");
            throw new IllegalStateException("the change fails");
        }))).hasMessage("the change fails");
        assertThat(in("pldg1", () -> ledger.history("sync-run", "9"))).as("rolled back with its change").isEmpty();

        assertThatThrownBy(() -> in("pldg3", () -> tx.execute(s -> ledger.record("sync-run", "1", "SUBMITTED", Map.of(), "x"))))
                .as("a tenant on another plugin").isInstanceOf(IllegalStateException.class);
        for (String[] bad : new String[][] {{"Sync.Run", "1", "SUBMITTED", "x"}, {"sync-run", "", "SUBMITTED", "x"},
                {"sync-run", "1", "submitted", "x"}, {"sync-run", "1", "SUBMITTED", ""}, {"x".repeat(60), "1", "A", "x"}}) {
            assertThatThrownBy(() -> in("pldg1", () -> tx.execute(s -> ledger.record(bad[0], bad[1], bad[2], Map.of(), bad[3]))))
                    .as(String.join(" ", bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
