package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * NMG-18: after a sync the person checks Hohhot's integrity copy against the registry — field by field, document
 * by document (sha256) and record by record: 一致, 缺失 (the registry has it, Hohhot not) or 不一致 (different, or only
 * at Hohhot). Read only: Hohhot unreachable only says so.
 */
@Component
class CopyComparison {

    enum Match {
        CONSISTENT("一致", "consistent"), MISSING("缺失", "missing"), DIFFERENT("不一致", "different");

        final String zh;
        final String en;

        Match(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    /** @param section {@code field}, {@code document} or {@code record}; values shown masked where they are IDs or phones */
    record Row(String section, String key, String label, String registry, String hohhot, Match match) {

        public String matchZh() {
            return match.zh;
        }

        public String matchEn() {
            return match.en;
        }
    }

    /**
     * @param reachable false: Hohhot could not be asked (nothing else is said)
     * @param synced    whether Hohhot holds a copy at all
     */
    record Comparison(boolean reachable, boolean synced, Long hohhotVersion, String hohhotDigest, java.time.Instant hohhotSyncedAt,
                      List<Row> rows, long consistent, long missing, long different) {

        boolean complete() {
            return reachable && synced && missing == 0 && different == 0;
        }
    }

    private final HohhotClient hohhot;
    private final SyncState state;

    CopyComparison(HohhotClient hohhot, SyncState state) {
        this.hohhot = hohhot;
        this.state = state;
    }

    Comparison compare(long partyId) {
        IntegritySnapshot registry = IntegritySnapshot.of(state.snapshot(partyId));
        Optional<HohhotClient.IntegrityCopy> copy;
        try {
            copy = hohhot.integrityCopy(SyncState.partyRef(partyId));
        } catch (HohhotException e) {
            return new Comparison(false, false, null, null, null, List.of(), 0, 0, 0);
        }
        IntegritySnapshot at = copy.filter(HohhotClient.IntegrityCopy::synced).map(HohhotClient.IntegrityCopy::snapshot)
                .orElse(new IntegritySnapshot(null, null, null, Map.of(), List.of(), List.of()));
        List<Row> rows = compare(registry, at);
        return new Comparison(true, copy.map(HohhotClient.IntegrityCopy::synced).orElse(false),
                copy.map(HohhotClient.IntegrityCopy::version).orElse(null), copy.map(HohhotClient.IntegrityCopy::digest).orElse(null),
                copy.map(HohhotClient.IntegrityCopy::syncedAt).orElse(null), rows,
                rows.stream().filter(r -> r.match() == Match.CONSISTENT).count(),
                rows.stream().filter(r -> r.match() == Match.MISSING).count(),
                rows.stream().filter(r -> r.match() == Match.DIFFERENT).count());
    }

    static List<Row> compare(IntegritySnapshot registry, IntegritySnapshot hohhot) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("field", "name", registry.name(), hohhot.name()));
        rows.add(row("field", "identifier", registry.identifier(), hohhot.identifier()));
        TreeSet<String> fields = new TreeSet<>(registry.fields().keySet());
        fields.addAll(hohhot.fields().keySet());
        fields.remove("name");
        fields.remove("identifier");
        fields.forEach(f -> rows.add(row("field", f, registry.fields().get(f), hohhot.fields().get(f))));

        Map<String, IntegritySnapshot.Document> theirDocs = new LinkedHashMap<>();
        hohhot.documents().forEach(d -> theirDocs.put(d.id(), d));
        for (IntegritySnapshot.Document d : registry.documents()) {
            IntegritySnapshot.Document t = theirDocs.remove(d.id());
            rows.add(new Row("document", d.id(), d.category() + " · " + d.fileName(), d.sha256(), t == null ? null : t.sha256(),
                    t == null ? Match.MISSING : Objects.equals(d.sha256(), t.sha256()) ? Match.CONSISTENT : Match.DIFFERENT));
        }
        theirDocs.values().forEach(t -> rows.add(new Row("document", t.id(), t.category() + " · " + t.fileName(), null, t.sha256(),
                Match.DIFFERENT)));

        Map<Long, IntegritySnapshot.Record> theirRecords = new LinkedHashMap<>();
        hohhot.records().forEach(r -> theirRecords.put(r.id(), r));
        for (IntegritySnapshot.Record r : registry.records()) {
            IntegritySnapshot.Record t = theirRecords.remove(r.id());
            rows.add(new Row("record", Long.toString(r.id()), r.kind() + " · " + r.title(), describe(r), t == null ? null : describe(t),
                    t == null ? Match.MISSING : r.equals(t) ? Match.CONSISTENT : Match.DIFFERENT));
        }
        theirRecords.values().forEach(t -> rows.add(new Row("record", Long.toString(t.id()), t.kind() + " · " + t.title(), null,
                describe(t), Match.DIFFERENT)));
        return rows;
    }

    private static Row row(String section, String key, String ours, String theirs) {
        Match match = blank(ours) && blank(theirs) || Objects.equals(ours, theirs) ? Match.CONSISTENT
                : blank(theirs) ? Match.MISSING : Match.DIFFERENT;
        return new Row(section, key, key, mask(key, ours), mask(key, theirs), match);
    }

    private static String describe(IntegritySnapshot.Record r) {
        return r.status() + " · v" + r.version();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** IDs and phone numbers are shown masked (the page, the JSON): the comparison needs only whether they match. */
    static String mask(String key, String value) {
        if (value == null || value.length() < 7) {
            return value;
        }
        String k = key.toLowerCase();
        if (k.contains("identifier") || k.contains("residentid") || k.contains("phone") || k.contains("mobile") || k.contains("uscc")) {
            return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
        }
        return value;
    }
}
