package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.TenantTransactions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A stand-in for Hohhot's platform API (docs/openapi/hohhot-platform.yaml) so that activation and the integrity sync
 * run end to end on one machine: activation (NMG-12), the integrity copy (NMG-18), the refused edit (NMG-17) and the
 * sync webhook, which checks signature and freshness, deduplicates by Idempotency-Key and applies only newer versions
 * . It answers only where the host allows sandboxes and the tenant turned it on; elsewhere it is 404.
 */
@RestController
class HohhotSandbox {

    static final String PREFIX = "/sandbox/hohhot";
    /** Our party ref: {@code party-{id}}, the ID token's {@code sub}. */
    static final String PARTY_REF = "party-[0-9]{1,18}"; // 18 digits: always a long (account() parses it)
    private static final ObjectMapper JSON = IntegritySnapshot.JSON;
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final PluginSettings settings;
    private final HostEnvironment host;
    private final CurrentTenant tenant;
    private final JdbcClient jdbc;
    private final TenantTransactions transactions;
    private final Clock clock;

    HohhotSandbox(PluginSettings settings, HostEnvironment host, CurrentTenant tenant, JdbcClient jdbc, TenantTransactions transactions,
                  Clock clock) {
        this.settings = settings;
        this.host = host;
        this.tenant = tenant;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PostMapping(value = PREFIX + "/members/activations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> activate(@RequestHeader(name = "Authorization", required = false) String authorization,
                               @RequestHeader(name = "X-Huren-Tenant", required = false) String tenantHeader,
                               @RequestBody(required = false) byte[] raw) {
        HohhotSettings config = requireOn();
        if (!authorized(config, authorization, tenantHeader)) {
            return unauthorized();
        }
        if (down()) {
            return unavailable();
        }
        JsonNode body = parse(raw);
        String partyRef = body == null ? "" : body.path("partyRef").asText("");
        String kind = body == null ? "" : body.path("kind").asText("");
        String name = body == null ? "" : body.path("name").asText("").strip();
        String identifier = body == null ? "" : body.path("NATURAL_PERSON".equals(kind) ? "residentId" : "uscc").asText("");
        String serial = body == null ? "" : body.path("certificate").path("serial").asText("");
        String fingerprint = body == null ? "" : body.path("certificate").path("fingerprint").asText("");
        if (!partyRef.matches(PARTY_REF) || !kind.matches("NATURAL_PERSON|ENTERPRISE") || name.isEmpty() || name.length() > 200
                || !identifier.matches("[0-9A-Z]{15,18}") || serial.isBlank() || serial.length() > 128 || !fingerprint.matches("[0-9a-f]{64}")) {
            return problem(400, "invalid-activation", "激活信息不完整或格式错误",
                    "partyRef, kind, name, residentId/uscc and certificate (serial, fingerprint) are required");
        }
        String mobile = text(body.path("contact").path("mobile"), 20);
        String email = text(body.path("contact").path("email"), 254);
        Instant now = clock.instant();
        // idempotent by partyRef: the first activation's account and time stay; contact and certificate follow the latest
        Map<String, Object> row = jdbc.sql("""
                        insert into nmg_hohhot_sandbox_member (party_ref, account, kind, name, identifier, mobile, email, cert_serial,
                                                               cert_fingerprint, activated_at)
                        values (:ref, :account, :kind, :name, :identifier, :mobile, :email, :serial, :fingerprint, :now)
                        on conflict (party_ref) do update set mobile = excluded.mobile, email = excluded.email,
                            cert_serial = excluded.cert_serial, cert_fingerprint = excluded.cert_fingerprint,
                            activation_count = nmg_hohhot_sandbox_member.activation_count + 1
                        returning account, activated_at""")
                .param("ref", partyRef).param("account", account(partyRef)).param("kind", kind).param("name", name)
                .param("identifier", identifier).param("mobile", mobile).param("email", email).param("serial", serial)
                .param("fingerprint", fingerprint).param("now", Timestamp.from(now))
                .query((rs, i) -> Map.<String, Object>of("account", rs.getString("account"),
                        "activatedAt", rs.getTimestamp("activated_at").toInstant().toString()))
                .single();
        return ResponseEntity.ok(row);
    }

    @GetMapping(value = PREFIX + "/members/{partyRef}/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> integrity(@PathVariable String partyRef, @RequestHeader(name = "Authorization", required = false) String authorization,
                                @RequestHeader(name = "X-Huren-Tenant", required = false) String tenantHeader) {
        HohhotSettings config = requireOn();
        if (!authorized(config, authorization, tenantHeader)) {
            return unauthorized();
        }
        if (down()) {
            return unavailable();
        }
        Optional<Map<String, Object>> copy = !partyRef.matches(PARTY_REF) ? Optional.empty() : jdbc.sql("""
                        select party_ref, account, integrity_version, integrity_digest, integrity_snapshot, synced_at
                        from nmg_hohhot_sandbox_member where party_ref = ?""")
                .param(partyRef).query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("partyRef", rs.getString("party_ref"));
                    m.put("account", rs.getString("account"));
                    long version = rs.getLong("integrity_version");
                    boolean synced = !rs.wasNull();
                    m.put("synced", synced);
                    if (synced) {
                        m.put("version", version);
                        m.put("digest", rs.getString("integrity_digest"));
                        m.put("syncedAt", rs.getTimestamp("synced_at").toInstant().toString());
                        m.put("snapshot", parse(rs.getString("integrity_snapshot").getBytes(StandardCharsets.UTF_8)));
                    }
                    return m;
                }).optional();
        return copy.<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(404, "member-not-found", "呼和浩特平台没有该会员（未激活）", "Hohhot has no such member (not activated)"));
    }

    /** NMG-17, X-10: Hohhot's copy is read-only; the member is sent to the registry (主体库). Nothing changes. */
    @PutMapping(value = PREFIX + "/members/{partyRef}/integrity")
    ResponseEntity<?> edit(@PathVariable String partyRef) {
        requireOn();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "integrity-read-only");
        body.put("title", "诚信库信息不可在呼和浩特平台修改");
        body.put("status", 409);
        body.put("detail", "请在自治区公共资源交易主体信息库修改信息，修改完成后重新同步。Change it in the party registry (主体库), then sync again.");
        body.put("registry", "自治区公共资源交易主体信息库");
        return ResponseEntity.status(409).contentType(PROBLEM).body(body);
    }

    /** The integrity sync as Hohhot's webhook receives it: every delivery is stored with what was decided. */
    @PostMapping(value = PREFIX + "/integrity-webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> webhook(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                              @RequestHeader(name = "X-Huren-Timestamp", required = false) String timestamp,
                              @RequestHeader(name = "X-Huren-Signature", required = false) String signature,
                              @RequestHeader(name = "X-Huren-Delivery-Attempt", required = false) Integer attempt,
                              @RequestBody(required = false) byte[] raw) {
        HohhotSettings config = requireOn();
        byte[] body = raw == null ? new byte[0] : raw;
        if (down()) {
            record(key, null, null, null, attempt, "UNAVAILABLE", body);
            return unavailable();
        }
        String refusal = HohhotWebhookCheck.refusal(config.sandboxSyncSecret(), timestamp, body, signature, clock.instant());
        JsonNode event = refusal == null ? parse(body) : null;
        JsonNode data = event == null ? null : event.path("data");
        if (refusal != null) {
            record(key, null, null, null, attempt, refusal.equals("timestamp-stale") ? "STALE" : "SIGNATURE_INVALID", body);
            return problem(401, refusal, "签名无效或已过期", "the delivery's signature is invalid or its timestamp not fresh");
        }
        String partyRef = data == null ? "" : data.path("partyRef").asText("");
        if (event == null || key == null || key.isBlank() || key.length() > 200 || !"neimenggu.integrity.sync".equals(event.path("type").asText())
                || !partyRef.matches(PARTY_REF) || !data.path("version").canConvertToLong() || !data.path("snapshot").isObject()) {
            record(key, null, null, null, attempt, "MALFORMED", body);
            return problem(400, "malformed-delivery", "同步数据格式错误", "not a neimenggu.integrity.sync delivery of the contract");
        }
        long version = data.path("version").asLong();
        String digest = data.path("digest").asText("");
        return transactions.inTransaction(() -> decide(key, partyRef, version, digest, data.path("snapshot"), attempt, body));
    }

    private ResponseEntity<?> decide(String key, String partyRef, long version, String digest, JsonNode snapshot, Integer attempt, byte[] body) {
        Optional<String> first = jdbc.sql("""
                        select outcome from nmg_hohhot_sandbox_delivery where idempotency_key = ? and outcome in ('APPLIED', 'NOT_NEWER')
                        order by id limit 1""").param(key).query(String.class).optional();
        if (first.isPresent()) {
            record(key, partyRef, version, digest, attempt, "DUPLICATE", body);
            return ResponseEntity.ok(receipt(key, first.get().equals("APPLIED"), true, held(partyRef)));
        }
        if (!digest.equals(IntegritySnapshot.digest(snapshot))) {
            record(key, partyRef, version, digest, attempt, "DIGEST_MISMATCH", body);
            return problem(400, "digest-mismatch", "快照摘要不符", "the digest is not the SHA-256 of the snapshot's canonical JSON");
        }
        // the conditional update is the guard: an older or equal version (a late retry) never overwrites a newer one
        int applied = jdbc.sql("""
                        update nmg_hohhot_sandbox_member set integrity_version = :version, integrity_digest = :digest,
                            integrity_snapshot = :snapshot, synced_at = :now
                        where party_ref = :ref and (integrity_version is null or integrity_version < :version)""")
                .param("version", version).param("digest", digest).param("snapshot", snapshot.toString())
                .param("now", Timestamp.from(clock.instant())).param("ref", partyRef).update();
        if (applied == 0 && held(partyRef) == null && !member(partyRef)) {
            record(key, partyRef, version, digest, attempt, "UNKNOWN_MEMBER", body);
            return problem(404, "member-not-found", "呼和浩特平台没有该会员（未激活）", "Hohhot has no such member (not activated)");
        }
        record(key, partyRef, version, digest, attempt, applied == 1 ? "APPLIED" : "NOT_NEWER", body);
        return ResponseEntity.ok(receipt(key, applied == 1, false, held(partyRef)));
    }

    /** Plays an outage (503 to every API call and delivery) or ends it; the received page has the buttons. */
    @PostMapping(PREFIX + "/outage")
    ResponseEntity<Void> outage(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean down) {
        requireOn();
        if (down) {
            jdbc.sql("insert into nmg_hohhot_sandbox_outage (id, since) values (1, ?) on conflict (id) do nothing")
                    .param(Timestamp.from(clock.instant())).update();
        } else {
            jdbc.sql("delete from nmg_hohhot_sandbox_outage").update();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "received").build();
    }

    boolean down() {
        return jdbc.sql("select count(*) from nmg_hohhot_sandbox_outage").query(Long.class).single() > 0;
    }

    private static ResponseEntity<?> unavailable() {
        return problem(503, "unavailable", "呼和浩特平台维护中（沙箱模拟故障）", "Hohhot's platform is down (the sandbox plays an outage)");
    }

    private Long held(String partyRef) {
        return jdbc.sql("select integrity_version from nmg_hohhot_sandbox_member where party_ref = ?").param(partyRef)
                .query((rs, i) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }).optional().orElse(null);
    }

    private boolean member(String partyRef) {
        return jdbc.sql("select count(*) from nmg_hohhot_sandbox_member where party_ref = ?").param(partyRef).query(Long.class).single() > 0;
    }

    private void record(String key, String partyRef, Long version, String digest, Integer attempt, String outcome, byte[] body) {
        jdbc.sql("""
                        insert into nmg_hohhot_sandbox_delivery (idempotency_key, party_ref, version, digest, attempt, outcome, body, received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key == null ? null : truncate(key, 200), partyRef, version, digest == null ? null : truncate(digest, 64), attempt, outcome,
                        truncate(new String(body, StandardCharsets.UTF_8), 65_536), Timestamp.from(clock.instant()))
                .update();
    }

    private static Map<String, Object> receipt(String key, boolean applied, boolean duplicate, Long version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", key);
        m.put("applied", applied);
        m.put("duplicate", duplicate);
        m.put("version", version);
        return m;
    }

    /** The tenant's Hohhot settings, read once per request; 404 unless its sandbox is on (and allowed). */
    HohhotSettings requireOn() {
        HohhotSettings config = HohhotSettings.of(settings.current(), host.sandboxesAllowed());
        if (!config.sandbox()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no Hohhot sandbox here");
        }
        return config;
    }

    private boolean authorized(HohhotSettings config, String authorization, String tenantHeader) {
        byte[] expected = ("Bearer " + config.effectiveApiKey()).getBytes(StandardCharsets.UTF_8);
        byte[] given = (authorization == null ? "" : authorization).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) && tenant.require().code().equals(tenantHeader);
    }

    /** Hohhot's member account: deterministic per party, so a repeated activation cannot mint another. */
    static String account(String partyRef) {
        return "HHHT-" + String.format("%06d", Long.parseLong(partyRef.substring("party-".length())));
    }

    private static ResponseEntity<?> unauthorized() {
        return problem(401, "unauthorized", "接口密钥无效", "missing or wrong API key or tenant");
    }

    static ResponseEntity<Map<String, Object>> problem(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return ResponseEntity.status(status).contentType(PROBLEM).body(body);
    }

    private static JsonNode parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(raw);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode n, int max) {
        String s = n.asText("").strip();
        return s.isEmpty() ? null : truncate(s, max);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
