package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.SyncEvents;
import cn.huren.plugin.api.PluginProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in party's documents and integrity sync, under /api/t/{t}/plugins/neimenggu/me/ (the party API chain):
 * NMG-15 the two documents and their seals, NMG-16 the sync, NMG-17 its status and Hohhot's read-only copy, NMG-18
 * the completeness comparison.
 */
@RestController
class SyncController {

    record SealInput(String signature) {
    }

    private final Me me;
    private final PledgeAndNotice documents;
    private final IntakeProgress progress;
    private final IntegritySync sync;
    private final SyncState state;
    private final CopyComparison comparison;

    SyncController(Me me, PledgeAndNotice documents, IntakeProgress progress, IntegritySync sync, SyncState state,
                   CopyComparison comparison) {
        this.me = me;
        this.documents = documents;
        this.progress = progress;
        this.sync = sync;
        this.state = state;
        this.comparison = comparison;
    }

    @GetMapping("/me/documents")
    List<Map<String, Object>> documents() {
        long party = me.party();
        return documents.states(party).stream().map(SyncController::view).toList();
    }

    /** The document's exact bytes, what a seal signs (NMG-15). */
    @GetMapping("/me/documents/{document}")
    ResponseEntity<byte[]> document(@PathVariable String document) {
        long party = me.party();
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(documents.render(party, SealedDocument.of(document)));
    }

    /** A detached CMS over the document's bytes, base64 DER or PEM; after Hohhot activation (NMG-02). */
    @PostMapping("/me/documents/{document}/seal")
    Map<String, Object> seal(@PathVariable String document, @RequestBody(required = false) SealInput body) {
        long party = me.partyToChange();
        SealedDocument which = SealedDocument.of(document);
        progress.require(party, IntakeStep.SYNC);
        return view(documents.seal(party, which, decode(body == null ? null : body.signature())));
    }

    /** {@code force=true} pushes again even when nothing changed (a delivery that was dead-lettered at Hohhot). */
    @PostMapping("/me/sync")
    Map<String, Object> sync(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean force) {
        long party = me.partyToChange();
        IntegritySync.Result result = sync.sync(party, force);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", result.outcome().name());
        answer.put("message", result.outcome() == IntegritySync.Outcome.SUBMITTED ? "已提交同步 / sync submitted" : "已是最新 / already up to date");
        answer.put("run", run(result.run()));
        return answer;
    }

    @GetMapping("/me/sync")
    Map<String, Object> status() {
        long party = me.party();
        SyncState.Status s = state.status(party);
        return statusView(s, sync.delivery(s.last()).orElse(null), documents.unsealed(party), isAfterActivation(party));
    }

    /** The last sync, given up on after every attempt failed, goes out again (same event and version); 409 otherwise. */
    @PostMapping("/me/sync/redeliver")
    Map<String, Object> redeliver() {
        long party = me.partyToChange();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "已重新投递 / queued again");
        answer.put("run", run(sync.redeliver(party)));
        return answer;
    }

    /**
     * NMG-17: CURRENT, OUT_OF_DATE (需要重新同步) or NEVER, the last sync and how its delivery to Hohhot stands
     * (PENDING, DELIVERED or DEAD, from the outbox), and what still blocks a sync (NMG-16).
     */
    static Map<String, Object> statusView(SyncState.Status s, SyncEvents.Delivery delivery, List<SealedDocument> unsealed,
                                          boolean activated) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", s.state());
        answer.put("message", switch (s.state()) {
            case "CURRENT" -> "已提交同步，与主体库一致 / sync submitted, current";
            case "OUT_OF_DATE" -> "需要重新同步：主体库信息已变更 / the registry changed: sync again";
            default -> "尚未同步 / not synced yet";
        });
        answer.put("currentVersion", s.currentVersion());
        answer.put("currentDigest", s.currentDigest());
        answer.put("lastSync", s.last() == null ? null : run(s.last()));
        answer.put("delivery", delivery == null ? null : delivery(delivery));
        answer.put("unsealed", unsealed.stream().map(d -> d.code).toList());
        answer.put("syncAllowed", unsealed.isEmpty() && activated);
        return answer;
    }

    @GetMapping("/me/sync/comparison")
    Map<String, Object> comparison() {
        return comparisonView(comparison.compare(me.party()));
    }

    /** NMG-18 as JSON values: reachable, synced, the counts and the rows (一致/缺失/不一致). */
    static Map<String, Object> comparisonView(CopyComparison.Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reachable", c.reachable());
        m.put("message", !c.reachable() ? "呼和浩特平台暂时无法连接，无法核对 / Hohhot's platform is not reachable: nothing to compare"
                : !c.synced() ? "呼和浩特平台尚无诚信库信息（同步可能仍在投递中） / Hohhot holds no copy yet (the sync may still be on its way)"
                : c.complete() ? "呼和浩特平台诚信库信息完整 / Hohhot's copy is complete"
                : "呼和浩特平台诚信库信息不完整：请在主体库修改后重新同步 / Hohhot's copy is incomplete: fix the registry and sync again");
        m.put("synced", c.synced());
        m.put("complete", c.complete());
        m.put("hohhotVersion", c.hohhotVersion());
        m.put("hohhotDigest", c.hohhotDigest());
        m.put("hohhotSyncedAt", c.hohhotSyncedAt() == null ? null : c.hohhotSyncedAt().toString());
        m.put("consistent", c.consistent());
        m.put("missing", c.missing());
        m.put("different", c.different());
        m.put("rows", c.rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("section", r.section());
            row.put("key", r.key());
            row.put("label", r.label());
            row.put("registry", r.registry());
            row.put("hohhot", r.hohhot());
            row.put("match", r.match().name());
            row.put("matchZh", r.match().zh);
            return row;
        }).toList());
        return m;
    }

    /** X-10, NMG-17: Hohhot's copy is read-only; changes go to the registry (主体库), then sync again. */
    @PutMapping("/me/hohhot-copy")
    void editCopy() {
        me.partyToChange();
        throw readOnly();
    }

    static PluginProblem readOnly() {
        return new PluginProblem(409, "hohhot-copy-read-only", "呼和浩特平台的诚信库信息不可直接修改：请在自治区主体信息库「修改信息」中修改，"
                + "再点击「同步内蒙古主体库诚信信息」重新同步。 / Hohhot's integrity copy is read-only: change the registry (修改信息), then sync again.");
    }

    private boolean isAfterActivation(long party) {
        try {
            progress.require(party, IntakeStep.SYNC);
            return true;
        } catch (PluginProblem e) {
            return false;
        }
    }

    static byte[] decode(String signature) {
        if (signature == null || signature.isBlank()) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(signature.replaceAll("-----(BEGIN|END) (PKCS7|CMS)-----", ""));
        } catch (IllegalArgumentException e) {
            throw new PluginProblem(400, "signature-malformed", "签章文件格式不正确（应为分离式 CMS 的 base64 或 PEM） / base64 DER or PEM of a detached CMS",
                    List.of(new PluginProblem.FieldProblem("signature", "base64 DER (or PEM) of a detached CMS signature")));
        }
    }

    static Map<String, Object> view(PledgeAndNotice.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("document", s.document().code);
        m.put("title", s.document().zh);
        m.put("sha256", s.sha256());
        m.put("state", s.sealed() ? "SEALED" : "UNSEALED");
        m.put("stateZh", s.sealed() ? "已签章" : "未签章");
        m.put("outdated", s.outdated());
        if (s.seal() != null) {
            PledgeAndNotice.Seal seal = s.seal();
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("signer", seal.signerName());
            sm.put("signedAt", seal.signedAt());
            sm.put("serial", seal.serial());
            sm.put("issuer", seal.issuer());
            sm.put("fingerprint", seal.fingerprint());
            sm.put("contentSha256", seal.contentSha256());
            m.put(s.sealed() ? "seal" : "outdatedSeal", sm);
        }
        return m;
    }

    static Map<String, Object> delivery(SyncEvents.Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("deliveredAt", d.deliveredAt());
        m.put("nextAttemptAt", d.nextAttemptAt());
        m.put("lastStatus", d.lastStatus());
        m.put("lastError", d.lastError());
        return m;
    }

    static Map<String, Object> run(SyncState.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("version", r.version());
        m.put("digest", r.digest());
        m.put("eventId", r.eventId().toString());
        m.put("status", r.status());
        m.put("at", r.at());
        return m;
    }
}
