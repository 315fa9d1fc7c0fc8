package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.SyncEvent;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.plugin.api.TenantTransactions;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-16, NMG-17, X-03: 同步内蒙古主体库诚信信息 — the registry's snapshot of the party goes to Hohhot's platform as one
 * {@code neimenggu.integrity.sync} event addressed to Hohhot's API client, published through the outbox in the same
 * transaction as the run's row (signed, retried, dead-lettered, ordered per party; the event id is the
 * Idempotency-Key, so Hohhot never applies one twice). Nothing changed since the last sync: nothing is published.
 */
@Component
class IntegritySync {

    static final String EVENT = "integrity.sync";

    enum Outcome { SUBMITTED, UP_TO_DATE }

    record Result(Outcome outcome, SyncState.Run run) {
    }

    private final SyncState state;
    private final PledgeAndNotice documents;
    private final IntakeProgress progress;
    private final SyncEvents events;
    private final TenantTransactions tx;
    private final PluginLedger ledger;
    private final JdbcClient jdbc;
    private final Clock clock;

    IntegritySync(SyncState state, PledgeAndNotice documents, IntakeProgress progress, SyncEvents events,
                  TenantTransactions tx, JdbcClient jdbc, Clock clock, PluginLedger ledger) {
        this.ledger = ledger;
        this.state = state;
        this.documents = documents;
        this.progress = progress;
        this.events = events;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * NMG-02: after Hohhot activation; NMG-16: refused (409 {@code documents-unsealed}, naming them) unless both
     * documents are sealed over their current bytes.
     */
    Result sync(long partyId) {
        return sync(partyId, false);
    }

    /**
     * As {@link #sync(long)}; {@code force} publishes a new version even when nothing changed (a delivery Hohhot
     * never applied, e.g. dead-lettered, is pushed again).
     */
    Result sync(long partyId, boolean force) {
        progress.require(partyId, IntakeStep.SYNC);
        String client = state.syncClient().orElseThrow(() -> new PluginProblem(503, "hohhot-sync-not-configured",
                "呼和浩特平台的同步尚未配置，请联系运营人员 / the Hohhot sync client is not configured"));
        return tx.inTransaction(() -> {
            // one sync at a time per party: the intake row exists since the activation (NMG-02)
            jdbc.sql("select party_id from nmg_intake where party_id = ? for update").param(partyId).query(Long.class).optional();
            // ONE read of the registry: the seals are checked on the very snapshot that is pushed and digested
            PartyRegistry.Snapshot snapshot = state.snapshot(partyId);
            List<SealedDocument> unsealed = documents.unsealed(snapshot);
            if (!unsealed.isEmpty()) {
                throw unsealed(unsealed);
            }
            String digest = SyncState.digest(snapshot);
            Optional<SyncState.Run> last = state.last(partyId);
            if (!force && last.isPresent() && SyncState.current(last.get(), digest, client)) {
                return new Result(Outcome.UP_TO_DATE, last.get()); // 已是最新: no new event
            }
            Instant now = clock.instant();
            long version = state.lastVersion(partyId) + 1; // per party, under the lock above (unique per party and version)
            UUID event = events.publish(new SyncEvent(EVENT, Long.toString(partyId), SyncState.payload(snapshot, version, digest, now),
                    List.of(client)));
            long id = jdbc.sql("""
                            insert into nmg_sync_run (party_ref, status, started_at, party_id, version, digest, client_id, event_id)
                            values (?, 'SUBMITTED', ?, ?, ?, ?, ?, ?) returning id""")
                    .params(SyncState.partyRef(partyId), java.sql.Timestamp.from(now), partyId, version, digest, client, event)
                    .query(Long.class).single();
            ledger.record("sync-run", Long.toString(id), "SUBMITTED", Map.of("party", partyId, "version", version, "digest", digest,
                    "client", client, "event", event.toString(), "forced", force), "party:" + partyId);
            return new Result(Outcome.SUBMITTED, new SyncState.Run(id, version, digest, client, event, "SUBMITTED", now));
        });
    }

    /** How the run's event stands with the Hohhot client it was addressed to; empty when the outbox no longer has it. */
    Optional<SyncEvents.Delivery> delivery(SyncState.Run run) {
        return run == null ? Optional.empty() : events.deliveries(run.eventId()).stream()
                .filter(d -> d.clientId().equals(run.clientId())).findFirst();
    }

    /**
     * The last sync given up on (every attempt failed, e.g. Hohhot down for long): queued again with the same event id and
     * version, so Hohhot applies it once; 409 {@code nothing-to-redeliver} when it is not given up on.
     */
    SyncState.Run redeliver(long partyId) {
        SyncState.Run last = state.last(partyId).orElseThrow(IntegritySync::nothingToRedeliver);
        return tx.inTransaction(() -> {
            if (events.redeliver(last.eventId()) == 0) {
                throw nothingToRedeliver();
            }
            ledger.record("sync-run", Long.toString(last.id()), "REDELIVERED", Map.of("event", last.eventId().toString()),
                    "party:" + partyId);
            return last;
        });
    }

    private static PluginProblem nothingToRedeliver() {
        return new PluginProblem(409, "nothing-to-redeliver",
                "最近一次同步没有投递失败，无需重新投递 / the last sync has not failed: nothing to deliver again");
    }

    /** NMG-16's unspecified case: the sync names the documents still 未签章 and says both must show 已签章. */
    static PluginProblem unsealed(List<SealedDocument> unsealed) {
        return new PluginProblem(409, "documents-unsealed", "请先签章：" + String.join("、", unsealed.stream().map(d -> d.zh).toList())
                + "。诚信承诺书和平台使用告知书均显示「已签章」后才能同步。 / Seal first: "
                + String.join(", ", unsealed.stream().map(d -> d.en).toList()) + "; both documents must show sealed before the sync.",
                unsealed.stream().map(d -> new PluginProblem.FieldProblem(d.code, "未签章 / not sealed")).toList());
    }
}
