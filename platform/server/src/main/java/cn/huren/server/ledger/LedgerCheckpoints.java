package cn.huren.server.ledger;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed Merkle checkpoints over the ledger's entry hashes (RFC 6962 tree), and inclusion proofs
 * that let a trading system check that an entry is in a published checkpoint without trusting
 * us. A checkpoint also pins the ledger's length: removing entries from its end breaks it.
 */
@Component
public class LedgerCheckpoints {

    /** A published checkpoint; {@code signature} covers {@link #signedPayload()}. */
    public record Checkpoint(String tenant, long treeSize, String rootHash, Instant issuedAt, String keyId,
                             String algorithm, String publicKey, String signature) {

        public String signedPayload() {
            return payload(tenant, treeSize, rootHash, issuedAt);
        }
    }

    /** Leaf {@code seq} (its entry hash) and the sibling hashes from the leaf up to the root of {@code treeSize}. */
    public record InclusionProof(long seq, long leafIndex, long treeSize, String entryHash, List<String> auditPath) {
    }

    /** Signing is an O(n) pass over the ledger: anonymous GETs may not trigger it more often. */
    static final java.time.Duration SIGNING_INTERVAL = java.time.Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChangeLedger ledger;
    private final LedgerSigningKey key;

    LedgerCheckpoints(TenantData data, ChangeLedger ledger, LedgerSigningKey key, Clock clock) {
        this.clock = clock;
        this.jdbc = data.jdbc(5_000);
        this.ledger = ledger;
        this.key = key;
    }

    static String payload(String tenant, long treeSize, String rootHash, Instant issuedAt) {
        return "huren-ledger-checkpoint/v1\n" + tenant + "\n" + treeSize + "\n" + rootHash + "\n" + issuedAt;
    }

    /**
     * The latest checkpoint, signing a new one when the ledger has grown — at most once a minute, and
     * only when the new tree still contains the last checkpoint's tree unchanged: the server never
     * signs a rewritten history.
     */
    @Transactional
    public Checkpoint latest() {
        long size = size();
        Optional<Checkpoint> last = stored();
        if (last.isPresent() && (last.get().treeSize() == size
                || last.get().issuedAt().isAfter(clock.instant().minus(SIGNING_INTERVAL)))) {
            return last.get();
        }
        long previousSize = last.map(Checkpoint::treeSize).orElse(0L);
        byte[][] roots = MerkleTree.rootsAt(this::leaves, 0, new long[] {previousSize, size});
        if (last.isPresent() && !HexFormat.of().formatHex(roots[0]).equals(last.get().rootHash())) {
            throw ApiException.conflict("ledger-inconsistent", "the ledger no longer contains the tree of the last checkpoint ("
                    + previousSize + " entries); nothing is signed until an operator verifies it");
        }
        String root = HexFormat.of().formatHex(roots[1]);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String tenant = TenantContext.require().code();
        String signature = key.sign(payload(tenant, size, root, issuedAt).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("insert into ledger_checkpoint (tree_size, root_hash, issued_at, key_id, signature) values (?, ?, ?, ?, ?) "
                        + "on conflict (tree_size) do nothing")
                .params(size, root, Timestamp.from(issuedAt), LedgerSigningKey.KEY_ID, signature).update();
        return stored().orElseThrow();
    }

    @Transactional(readOnly = true)
    public InclusionProof proof(long seq, long treeSize) {
        long size = size();
        if (treeSize < 1 || treeSize > size || seq < 1 || seq > treeSize) {
            throw ApiException.badRequest("proof-range", "need 1 <= seq <= treeSize <= " + size + "; got seq " + seq
                    + ", treeSize " + treeSize);
        }
        String entryHash = jdbc.sql("select entry_hash from ledger_entry where seq = ?").param(seq).query(String.class).single();
        List<String> path = MerkleTree.path(this::leaves, seq - 1, treeSize).stream().map(HexFormat.of()::formatHex).toList();
        return new InclusionProof(seq, seq - 1, treeSize, entryHash, path);
    }

    /**
     * The chain walk, then every published checkpoint: its signature must verify and its tree must
     * still be the prefix of the ledger (one streaming pass computes all their roots).
     */
    @Transactional(readOnly = true)
    public ChangeLedger.Verification verify() {
        ChangeLedger.Verification chain = ledger.verify();
        if (!chain.intact()) {
            return chain;
        }
        List<Checkpoint> all = all();
        for (Checkpoint c : all) {
            if (!key.verify(c.signedPayload().getBytes(StandardCharsets.UTF_8), c.signature())) {
                return new ChangeLedger.Verification(false, chain.entriesChecked(), null,
                        "the checkpoint over " + c.treeSize() + " entries is not signed by the platform key");
            }
            if (chain.entriesChecked() < c.treeSize()) {
                return new ChangeLedger.Verification(false, chain.entriesChecked(), chain.entriesChecked() + 1,
                        "entries after " + chain.entriesChecked() + " were removed; a checkpoint covers " + c.treeSize());
            }
        }
        byte[][] roots = MerkleTree.rootsAt(this::leaves, 0, all.stream().mapToLong(Checkpoint::treeSize).toArray());
        for (int i = 0; i < all.size(); i++) {
            if (!HexFormat.of().formatHex(roots[i]).equals(all.get(i).rootHash())) {
                return new ChangeLedger.Verification(false, chain.entriesChecked(), null, "the first " + all.get(i).treeSize()
                        + " entries no longer match the checkpoint signed at " + all.get(i).issuedAt());
            }
        }
        return chain;
    }

    private long size() {
        return jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    }

    private Optional<Checkpoint> stored() {
        List<Checkpoint> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private List<Checkpoint> all() {
        String tenant = TenantContext.require().code();
        return jdbc.sql("select * from ledger_checkpoint order by tree_size")
                .query((rs, n) -> new Checkpoint(tenant, rs.getLong("tree_size"), rs.getString("root_hash"),
                        rs.getTimestamp("issued_at").toInstant(), rs.getString("key_id"), LedgerSigningKey.ALGORITHM,
                        key.publicKey(), rs.getString("signature")))
                .list();
    }

    /** Leaves are the entries' hashes, leaf i = entry seq i + 1. */
    private void leaves(long from, long to, Consumer<byte[]> leaf) {
        try (Stream<String> hashes = jdbc.sql("select entry_hash from ledger_entry where seq > ? and seq <= ? order by seq")
                .params(from, to).query(String.class).stream()) {
            hashes.forEach(h -> leaf.accept(HexFormat.of().parseHex(h)));
        }
    }
}
