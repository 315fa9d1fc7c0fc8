package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-17: whether Hohhot's copy of a party is current — the registry's canonical digest now against the one the
 * last sync sent. Any change of a field, a document or a record changes the digest; the version and times do not
 * count, so a save that changes nothing does not ask for a re-sync.
 */
@Component
class SyncState {

    record Run(long id, long version, String digest, String clientId, UUID eventId, String status, Instant at) {
    }

    /** @param state {@code NEVER} (no sync yet), {@code CURRENT} or {@code OUT_OF_DATE} (需要重新同步) */
    record Status(String state, String currentDigest, long currentVersion, Run last) {

        boolean current() {
            return "CURRENT".equals(state);
        }
    }

    private final PartyRegistry registry;
    private final JdbcClient jdbc;
    private final PluginSettings settings;

    SyncState(PartyRegistry registry, JdbcClient jdbc, PluginSettings settings) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The tenant's Hohhot sync client (the outbox addressee), if configured. */
    Optional<String> syncClient() {
        return settings.current().text(NeimengguSchema.HOHHOT_SYNC_CLIENT).filter(s -> !s.isBlank());
    }

    /** Current means: the last sync sent this digest to this client (what {@link IntegritySync} skips on). */
    static boolean current(Run last, String digest, String client) {
        return last.digest().equals(digest) && last.clientId() != null && last.clientId().equals(client);
    }

    /** The highest sync version of the party (0 before the first). */
    long lastVersion(long partyId) {
        return jdbc.sql("select coalesce(max(version), 0) from nmg_sync_run where party_id = ?").param(partyId)
                .query(Long.class).single();
    }

    Status status(long partyId) {
        PartyRegistry.Snapshot snapshot = snapshot(partyId);
        String digest = digest(snapshot);
        Optional<Run> last = last(partyId);
        String client = syncClient().orElse(null);
        String state = last.isEmpty() ? "NEVER" : current(last.get(), digest, client) ? "CURRENT" : "OUT_OF_DATE";
        return new Status(state, digest, snapshot.version(), last.orElse(null));
    }

    /** The last sync that published an event. */
    Optional<Run> last(long partyId) {
        return jdbc.sql("""
                        select id, version, digest, client_id, event_id, status, started_at from nmg_sync_run
                        where party_id = ? and event_id is not null order by id desc limit 1""")
                .param(partyId)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .optional();
    }

    PartyRegistry.Snapshot snapshot(long partyId) {
        return registry.snapshot(partyId).orElseThrow(() -> new PluginProblem(404, "party-unknown", "主体不存在 / no such party"));
    }

    /** SHA-256 of the canonical JSON of {@link IntegritySnapshot} (party, fields, documents with sha256, records). */
    static String digest(PartyRegistry.Snapshot s) {
        return IntegritySnapshot.of(s).digest();
    }

    /** How Hohhot names a party (docs/openapi/hohhot-platform.yaml): {@code party-{id}}, the ID token's {@code sub}. */
    static String partyRef(long partyId) {
        return "party-" + partyId;
    }

    /**
     * The event's data, what Hohhot receives (docs/openapi/hohhot-platform.yaml, {@code IntegritySyncDelivery}):
     * {@code version} counts the party's syncs (Hohhot applies only a newer one), {@code registryVersion} is the basic
     * information's version it was taken at.
     */
    static Map<String, Object> payload(PartyRegistry.Snapshot s, long syncVersion, String digest, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partyRef", partyRef(s.partyId()));
        data.put("version", syncVersion);
        data.put("registryVersion", s.version());
        data.put("digest", digest);
        data.put("syncedAt", at.toString());
        Map<String, Object> snapshot = new LinkedHashMap<>(IntegritySnapshot.of(s).toMap());
        snapshot.values().removeIf(java.util.Objects::isNull);
        data.put("snapshot", snapshot);
        return data;
    }
}
