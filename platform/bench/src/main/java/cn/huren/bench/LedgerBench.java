package cn.huren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Ledger at scale: seeds N entries (default 1,000,000) into one tenant's ledger with COPY, hashed by
 * this class's own implementation of the entry hash (so an "intact" answer also shows the two
 * implementations agree), then times, over HTTP against a -Xmx512m server: verify, the signed
 * checkpoint (Merkle root over every entry) and an inclusion proof.
 *
 * <p>{@code java -cp "platform/bench/target/huren-bench.jar:platform/bench/target/lib/*" cn.huren.bench.LedgerBench --entries 1000000}
 */
public final class LedgerBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = ServerProcess.tenantCode("ledger");

    public static void main(String[] args) throws Exception {
        long entries = Long.parseLong(OnboardingBench.arg(args, "--entries", "1000000"));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", "18185"));
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));
        Path dataDir = Files.createTempDirectory("huren-ledger-bench");
        OnboardingBench http = new OnboardingBench(port);

        System.out.printf(Locale.ROOT, "Huren ledger benchmark: %,d entries, -Xmx%s, %d cores%n", entries, xmx,
                Runtime.getRuntime().availableProcessors());
        ServerProcess server = ServerProcess.start(jar, dataDir, port, xmx, OnboardingBench.PASSWORD);
        http.awaitUp(server);
        check(http.send("POST", "/api/platform/tenants", Map.of("code", TENANT, "nameZh", "账本", "nameEn", "Ledger",
                "plugin", "jiangsu")).statusCode(), 201);

        long t0 = System.nanoTime();
        seed(server, entries);
        System.out.printf(Locale.ROOT, "seeded %,d entries with COPY in %.1f s%n", entries, (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        JsonNode verify = JSON.readTree(http.send("GET", "/api/platform/tenants/" + TENANT + "/ledger/verify", null).body());
        double verifySeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "verify: intact=%s, %,d entries checked in %.1f s (%,.0f entries/s)%n",
                verify.get("intact").asBoolean(), verify.get("entriesChecked").asLong(), verifySeconds,
                verify.get("entriesChecked").asLong() / verifySeconds);

        t0 = System.nanoTime();
        JsonNode checkpoint = JSON.readTree(http.send("GET", "/api/t/" + TENANT + "/ledger/checkpoint", null).body());
        System.out.printf(Locale.ROOT, "signed checkpoint (Merkle root over %,d entries): %.1f s%n",
                checkpoint.get("treeSize").asLong(), (System.nanoTime() - t0) / 1e9);

        t0 = System.nanoTime();
        JsonNode proof = JSON.readTree(http.send("GET", "/api/t/" + TENANT + "/ledger/entries/" + (entries / 3) + "/proof?treeSize="
                + entries, null).body());
        System.out.printf(Locale.ROOT, "inclusion proof for one entry (%d hashes): %.1f s%n", proof.get("auditPath").size(),
                (System.nanoTime() - t0) / 1e9);
        http.report(server, "after the ledger flows");
        server.stop();
    }

    private static void seed(ServerProcess server, long entries) throws Exception {
        try (Connection db = server.database()) {
            PGConnection pg = db.unwrap(PGConnection.class);
            String prev = "0".repeat(64);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<String> actions = List.of("CREATE", "UPDATE", "SUBMIT", "VOID");
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (long seq = 1; seq <= entries; seq++) {
                String recordId = Long.toString(seq % 100_000);
                String action = actions.get((int) (seq % 4));
                String contentHash = sha256(("content-" + seq).getBytes(StandardCharsets.UTF_8));
                String hash = entryHash(seq, at, "bench", "award", recordId, action, contentHash, prev);
                batch.write((seq + "\t" + at + "\tbench\taward\t" + recordId + "\t" + action + "\t" + contentHash + "\t" + prev
                        + "\t" + hash + "\n").getBytes(StandardCharsets.UTF_8));
                prev = hash;
                if (seq % 100_000 == 0 || seq == entries) {
                    pg.getCopyAPI().copyIn("copy tenant_" + TENANT + ".ledger_entry (seq, at, actor, record_type, record_id, action, "
                            + "content_hash, prev_hash, entry_hash) from stdin", new ByteArrayInputStream(batch.toByteArray()));
                    batch.reset();
                }
            }
        }
    }

    /** The entry hash, written again from its definition: SHA-256 over seq, microseconds, then length-prefixed fields. */
    static String entryHash(long seq, Instant at, String... fields) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at)).array());
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void check(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("expected HTTP " + expected + ", got " + status);
        }
    }
}
