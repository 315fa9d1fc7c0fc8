package cn.huren.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.support.Hashes;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger.Entry;
import cn.huren.server.ledger.ChangeLedger.Verification;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ChangeLedgerTest {

    @LocalServerPort
    int port;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient sql;

    private TenantDescriptor tenantWithEntries(String code, int entries) {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(code, "jiangsu"));
        TenantDescriptor tenant = tenants.byCode(code).orElseThrow();
        TenantContext.runAs(tenant, () -> tx.executeWithoutResult(s -> {
            for (int i = 1; i <= entries; i++) {
                ledger.append("tester", "bank-account", "ba-" + (i % 3), i == 1 ? "CREATE" : "UPDATE", Map.of("no", i, "bank", "工商银行"));
            }
        }));
        return tenant;
    }

    private Verification verify(TenantDescriptor tenant) {
        return TenantContext.callAs(tenant, ledger::verify);
    }

    private void tamper(String code, String statement) {
        String table = "tenant_" + code + ".ledger_entry";
        sql.sql("alter table " + table + " disable trigger ledger_entry_append_only").update();
        sql.sql(statement.replace("LEDGER", table)).update();
        sql.sql("alter table " + table + " enable trigger ledger_entry_append_only").update();
    }

    @Test
    @DisplayName("X-11: entries chain by hash; an untouched ledger verifies; a record's history carries evidence stamps")
    void intactChain() {
        TenantDescriptor tenant = tenantWithEntries("led1", 6);

        Verification result = verify(tenant);
        List<Entry> history = TenantContext.callAs(tenant, () -> ledger.history("bank-account", "ba-1"));

        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(6);
        assertThat(history).extracting(Entry::seq).containsExactly(1L, 4L);
        assertThat(history.get(0).prevHash()).isEqualTo(ChangeLedger.GENESIS);
        assertThat(history.get(1).stamp()).startsWith("#4 ").hasSize("#4 ".length() + 64);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/led1/ledger/verify").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("X-11: verify finds a row edited by direct SQL and names its sequence number")
    void editedRow() {
        TenantDescriptor tenant = tenantWithEntries("led2", 6);
        tamper("led2", "update LEDGER set actor = 'mallory' where seq = 3");

        Verification result = verify(tenant);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/led2/ledger/verify").json().get("firstBrokenSeq").asLong()).isEqualTo(3);
    }

    @Test
    @DisplayName("X-11: verify finds a deleted row")
    void deletedRow() {
        TenantDescriptor tenant = tenantWithEntries("led3", 6);
        tamper("led3", "delete from LEDGER where seq = 4");

        assertThat(verify(tenant).firstBrokenSeq()).isEqualTo(4);
    }

    @Test
    @DisplayName("X-11: verify finds two rows whose contents were swapped")
    void swappedRows() {
        TenantDescriptor tenant = tenantWithEntries("led4", 6);
        tamper("led4", """
                update LEDGER t set record_id = s.record_id, content_hash = s.content_hash, action = s.action
                from (select seq, record_id, content_hash, action from LEDGER where seq in (2, 3)) s
                where (t.seq = 2 and s.seq = 3) or (t.seq = 3 and s.seq = 2)""");

        assertThat(verify(tenant).firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("X-11: verify finds a row inserted into the middle of the chain")
    void insertedRow() {
        TenantDescriptor tenant = tenantWithEntries("led5", 6);
        tamper("led5", "update LEDGER set seq = seq + 100 where seq >= 3");
        tamper("led5", "update LEDGER set seq = seq - 99 where seq >= 103");
        tamper("led5", """
                insert into LEDGER (seq, at, actor, record_type, record_id, action, content_hash, prev_hash, entry_hash)
                select 3, now(), 'mallory', 'bank-account', 'forged', 'CREATE', content_hash, entry_hash, entry_hash
                from LEDGER where seq = 2""");

        assertThat(verify(tenant).firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    @DisplayName("the database refuses UPDATE and DELETE on ledger rows; an append outside a transaction is refused")
    void appendOnly() {
        TenantDescriptor tenant = tenantWithEntries("led6", 2);

        assertThatThrownBy(() -> sql.sql("update tenant_led6.ledger_entry set actor = 'x'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql.sql("delete from tenant_led6.ledger_entry").update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> TenantContext.runAs(tenant, () -> ledger.append("t", "x", "1", "CREATE", Map.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(verify(tenant).intact()).isTrue();
    }

    @Test
    @DisplayName("the content hash is canonical: key order does not change it, content does")
    void canonicalContent() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("b", 2);
        a.put("a", List.of(1, "一"));
        Map<String, Object> b = new TreeMap<>(a);

        assertThat(Hashes.sha256Hex(ChangeLedger.canonical(a))).isEqualTo(Hashes.sha256Hex(ChangeLedger.canonical(b)));
        assertThat(Hashes.sha256Hex(ChangeLedger.canonical(Map.of("a", 1))))
                .isNotEqualTo(Hashes.sha256Hex(ChangeLedger.canonical(Map.of("a", 2))));
    }
}
