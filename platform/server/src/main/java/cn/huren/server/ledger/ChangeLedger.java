package cn.huren.server.ledger;

import cn.huren.server.support.Hashes;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's change ledger: every change of a party or record appends an entry in the same
 * transaction as the change. Each entry carries the SHA-256 of the record's canonical content and
 * the hash of the previous entry, so {@link #verify()} finds any edited, deleted, reordered or
 * inserted row. A trigger refuses UPDATE, DELETE and TRUNCATE; the chain catches whoever bypasses it.
 */
@Component
public class ChangeLedger {

    static final String GENESIS = "0".repeat(64);

    /** One ledger entry; {@link #stamp()} is the evidence stamp shown with a record's history. */
    public record Entry(long seq, Instant at, String actor, String recordType, String recordId, String action,
                        String contentHash, String prevHash, String entryHash) {

        public String stamp() {
            return "#" + seq + " " + entryHash;
        }
    }

    /** The result of walking the chain: intact, or the first sequence number where it breaks and why. */
    public record Verification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
    }

    // the strict rules touch reading only: the canonical form the hashes cover is unchanged
    private static final ObjectMapper CANONICAL = cn.huren.server.support.StrictJson.apply(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build());

    private final JdbcClient jdbc;
    private final Clock clock;

    ChangeLedger(TenantData data, Clock clock) {
        this.clock = clock;
        // joins the caller's JPA transaction, hence its connection and its tenant schema
        this.jdbc = data.jdbc(2_000);
    }

    /** Appends an entry for a change; must run inside the transaction that makes the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Entry append(String actor, String recordType, String recordId, String action, Object content) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('huren-ledger:' || current_schema()))").query((rs, n) -> 1).list();
        List<Object[]> head = jdbc.sql("select seq, entry_hash from ledger_entry order by seq desc limit 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        long seq = head.isEmpty() ? 1 : (long) head.get(0)[0] + 1;
        String prev = head.isEmpty() ? GENESIS : (String) head.get(0)[1];
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String contentHash = Hashes.sha256Hex(canonical(content));
        Entry entry = new Entry(seq, at, actor, recordType, recordId, action, contentHash, prev,
                entryHash(seq, at, actor, recordType, recordId, action, contentHash, prev));
        jdbc.sql("""
                insert into ledger_entry (seq, at, actor, record_type, record_id, action, content_hash, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(at), actor, recordType, recordId, action, contentHash, prev, entry.entryHash())
                .update();
        return entry;
    }

    /** A record's entries, oldest first: its change history with evidence stamps. */
    @Transactional(readOnly = true)
    public List<Entry> history(String recordType, String recordId) {
        return jdbc.sql("select * from ledger_entry where record_type = ? and record_id = ? order by seq")
                .params(recordType, recordId).query(ChangeLedger::entry).list();
    }

    /** Walks the whole chain in order, streaming; reports the first broken sequence number. */
    @Transactional(readOnly = true)
    public Verification verify() {
        long expected = 1;
        String prev = GENESIS;
        try (Stream<Entry> entries = jdbc.sql("select * from ledger_entry order by seq").query(ChangeLedger::entry).stream()) {
            for (Entry e : (Iterable<Entry>) entries::iterator) {
                if (e.seq() != expected) {
                    return new Verification(false, expected - 1, Math.min(expected, e.seq()),
                            "entry " + expected + " is missing or out of order (found " + e.seq() + ")");
                }
                if (!e.prevHash().equals(prev)) {
                    return new Verification(false, expected - 1, e.seq(), "entry " + e.seq() + " does not follow the previous entry");
                }
                String recomputed = entryHash(e.seq(), e.at(), e.actor(), e.recordType(), e.recordId(), e.action(),
                        e.contentHash(), e.prevHash());
                if (!recomputed.equals(e.entryHash())) {
                    return new Verification(false, expected - 1, e.seq(), "entry " + e.seq() + " was altered");
                }
                prev = e.entryHash();
                expected++;
            }
        }
        return new Verification(true, expected - 1, null, null);
    }

    static String entryHash(long seq, Instant at, String actor, String recordType, String recordId, String action,
                            String contentHash, String prevHash) {
        MessageDigest sha = Hashes.sha256();
        sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at)).array());
        for (String field : new String[] {actor, recordType, recordId, action, contentHash, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Canonical JSON: properties and map keys sorted, dates as ISO text. */
    static byte[] canonical(Object content) {
        try {
            return CANONICAL.writeValueAsBytes(content);
        } catch (Exception e) {
            throw new IllegalArgumentException("record content cannot be serialised for the ledger", e);
        }
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("record_type"), rs.getString("record_id"), rs.getString("action"),
                rs.getString("content_hash"), rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
