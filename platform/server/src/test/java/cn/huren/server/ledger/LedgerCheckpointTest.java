package cn.huren.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Checks the server's checkpoints and proofs with code that shares nothing with it. */
@IntegrationTest
class LedgerCheckpointTest {

    @LocalServerPort
    int port;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    LedgerCheckpoints checkpoints;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient sql;

    TenantDescriptor tenantWithEntries(String code, int n) {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(code, "shanxi"));
        TenantDescriptor tenant = tenants.byCode(code).orElseThrow();
        TenantContext.runAs(tenant, () -> tx.executeWithoutResult(s -> {
            for (int i = 0; i < n; i++) {
                ledger.append("t", "award", "a" + i, "CREATE", Map.of("i", i));
            }
        }));
        return tenant;
    }

    @Test
    @DisplayName("X-11: the signed checkpoint verifies with the published key and its root matches an independent Merkle computation; every entry's inclusion proof verifies")
    void checkpointAndInclusionProofs() throws Exception {
        tenantWithEntries("mkl1", 7);
        HttpApi api = HttpApi.anonymous(port);

        JsonNode checkpoint = api.get("/api/t/mkl1/ledger/checkpoint").json();
        long size = checkpoint.get("treeSize").asLong();
        byte[] root = HexFormat.of().parseHex(checkpoint.get("rootHash").asText());

        assertThat(size).isEqualTo(7);
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(checkpoint.get("publicKey").asText())));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(("huren-ledger-checkpoint/v1\nmkl1\n7\n" + checkpoint.get("rootHash").asText() + "\n"
                + checkpoint.get("issuedAt").asText()).getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.get("signature").asText()))).isTrue();

        List<byte[]> leaves = sql.sql("select entry_hash from tenant_mkl1.ledger_entry order by seq").query(String.class).list()
                .stream().map(HexFormat.of()::parseHex).toList();
        assertThat(mth(leaves)).isEqualTo(root);

        for (int seq = 1; seq <= 7; seq++) {
            JsonNode proof = api.get("/api/t/mkl1/ledger/entries/" + seq + "/proof?treeSize=7").json();
            List<byte[]> path = new ArrayList<>();
            proof.get("auditPath").forEach(p -> path.add(HexFormat.of().parseHex(p.asText())));
            byte[] leaf = HexFormat.of().parseHex(proof.get("entryHash").asText());
            assertThat(verifyInclusion(seq - 1, 7, leaf, path, root)).as("entry %d", seq).isTrue();
            assertThat(verifyInclusion(seq - 1, 7, HexFormat.of().parseHex("00".repeat(32)), path, root)).isFalse();
        }
        assertThat(api.get("/api/t/mkl1/ledger/entries/8/proof?treeSize=7").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("X-11: entries removed from the end of the chain are found against the last signed checkpoint")
    void tailTruncationIsDetected() {
        TenantDescriptor tenant = tenantWithEntries("mkl2", 6);
        TenantContext.callAs(tenant, checkpoints::latest);
        sql.sql("alter table tenant_mkl2.ledger_entry disable trigger ledger_entry_append_only").update();
        sql.sql("delete from tenant_mkl2.ledger_entry where seq > 4").update();
        sql.sql("alter table tenant_mkl2.ledger_entry enable trigger ledger_entry_append_only").update();

        assertThat(TenantContext.callAs(tenant, ledger::verify).intact()).as("the chain alone cannot tell").isTrue();
        ChangeLedger.Verification full = TenantContext.callAs(tenant, checkpoints::verify);
        assertThat(full.intact()).isFalse();
        assertThat(full.firstBrokenSeq()).isEqualTo(5);
        assertThat(HttpApi.operator(port).get("/api/platform/tenants/mkl2/ledger/verify").json().get("intact").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("X-11: a history rewritten with a consistent chain is caught by the checkpoint, and the server refuses to sign it")
    void rewrittenHistoryIsNeverSigned() {
        TenantDescriptor tenant = tenantWithEntries("mkl3", 4);
        TenantContext.callAs(tenant, checkpoints::latest);
        String table = "tenant_mkl3.ledger_entry";
        sql.sql("alter table " + table + " disable trigger ledger_entry_append_only").update();
        String prev = sql.sql("select entry_hash from " + table + " where seq = 1").query(String.class).single();
        for (long seq = 2; seq <= 4; seq++) {
            var row = sql.sql("select * from " + table + " where seq = ?").param(seq).query().singleRow();
            String actor = seq == 2 ? "mallory" : (String) row.get("actor");
            String hash = ChangeLedger.entryHash(seq, ((java.sql.Timestamp) row.get("at")).toInstant(), actor,
                    (String) row.get("record_type"), (String) row.get("record_id"), (String) row.get("action"),
                    (String) row.get("content_hash"), prev);
            sql.sql("update " + table + " set actor = ?, prev_hash = ?, entry_hash = ? where seq = ?").params(actor, prev, hash, seq).update();
            prev = hash;
        }
        sql.sql("alter table " + table + " enable trigger ledger_entry_append_only").update();
        sql.sql("alter table tenant_mkl3.ledger_checkpoint disable trigger ledger_checkpoint_append_only").update();
        sql.sql("update tenant_mkl3.ledger_checkpoint set issued_at = issued_at - interval '2 minutes'").update();
        sql.sql("alter table tenant_mkl3.ledger_checkpoint enable trigger ledger_checkpoint_append_only").update();
        TenantContext.runAs(tenant, () -> tx.executeWithoutResult(s -> ledger.append("t", "award", "x", "CREATE", Map.of())));

        assertThat(TenantContext.callAs(tenant, ledger::verify).intact()).as("the rewritten chain is consistent").isTrue();
        assertThat(TenantContext.callAs(tenant, checkpoints::verify).intact()).isFalse();
        assertThat(HttpApi.anonymous(port).get("/api/t/mkl3/ledger/checkpoint").json().get("type").asText())
                .isEqualTo("urn:huren:problem:ledger-inconsistent");
    }

    @Test
    @DisplayName("X-11: a checkpoint whose signature does not verify, and checkpoint rows changed by SQL, are reported")
    void forgedCheckpoint() {
        TenantDescriptor tenant = tenantWithEntries("mkl4", 3);
        TenantContext.callAs(tenant, checkpoints::latest);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.sql("delete from tenant_mkl4.ledger_checkpoint").update())
                .hasMessageContaining("append-only");
        sql.sql("alter table tenant_mkl4.ledger_checkpoint disable trigger ledger_checkpoint_append_only").update();
        sql.sql("update tenant_mkl4.ledger_checkpoint set tree_size = 2").update();
        sql.sql("alter table tenant_mkl4.ledger_checkpoint enable trigger ledger_checkpoint_append_only").update();

        ChangeLedger.Verification result = TenantContext.callAs(tenant, checkpoints::verify);
        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("not signed");
    }

    // --- an independent RFC 6962 / RFC 9162 implementation ---

    static byte[] mth(List<byte[]> d) throws Exception {
        if (d.size() == 1) {
            return hash(new byte[] {0}, d.get(0));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return hash(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    static boolean verifyInclusion(long index, long size, byte[] leafData, List<byte[]> path, byte[] root) throws Exception {
        long fn = index;
        long sn = size - 1;
        byte[] r = hash(new byte[] {0}, leafData);
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hash(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = hash(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    static byte[] hash(byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            sha.update(p);
        }
        return sha.digest();
    }
}
