package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginLedger;
import cn.huren.plugin.api.BindingException;
import cn.huren.plugin.api.EmailException;
import cn.huren.plugin.api.EmailMessage;
import cn.huren.plugin.api.EmailSender;
import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.NoticeSender;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.plugin.api.PhoneCodeException;
import cn.huren.plugin.api.PhoneCodes;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginProblem.FieldProblem;
import cn.huren.plugin.api.PluginReviews;
import cn.huren.plugin.api.TenantTransactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * NMG-06 CA证书解绑 when the bound key is lost and the person cannot log in (the manual leaves the steps open; this is
 * the design, docs/plugin-neimenggu.md): identity by resident ID and an SMS code to the mobile confirmed at binding,
 * a reason and a declaration that the key is lost → a request the tenant reviewer decides in the console. Approved,
 * the binding ends in the core (the certificate's sessions end, the ledger records it) and here; the person then binds
 * a new key. Answers never tell whether a resident ID is registered; every change of a request is in its history.
 */
@Component
class Unbindings {

    static final String KIND = "unbinding";
    static final String CODE_PURPOSE = "unbinding";
    private static final Pattern RESIDENT_ID = Pattern.compile("\\d{17}[\\dX]");
    static final int CODES_PER_ADDRESS_HOUR = 10;
    static final java.time.Duration CODE_ANSWER_FLOOR = java.time.Duration.ofMillis(300);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Unbindings.class);

    record Request(long id, long partyId, long bindingId, String fingerprint, String reason, String status,
                   String decidedBy, String decisionReason, Instant createdAt, Instant decidedAt) {
    }

    record Event(String status, String actor, String note, Instant at) {
    }

    /** What the status page and {@code GET unbinding/{token}} show (no ID number, no mobile). */
    record View(String status, Instant createdAt, Instant decidedAt, String decisionReason, String serial, List<Event> history) {
    }

    /** The person keeps {@code token} (the status page's address). */
    record Submitted(String token, String status) {
    }

    /** The reviewer's page shows times as the portal's pages do: Beijing time (docs/time.md). */
    private static final java.time.format.DateTimeFormatter BEIJING = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(java.time.ZoneId.of("Asia/Shanghai"));

    private final JdbcClient jdbc;
    private final PartyRegistry registry;
    private final CaBindings bindings;
    private final PhoneCodes codes;
    private final PluginReviews reviews;
    private final PersonBindings core;
    private final NoticeSender notices;
    private final EmailSender email;
    private final TenantTransactions tx;
    private final PluginLedger ledger;
    private final Clock clock;

    Unbindings(JdbcClient jdbc, PartyRegistry registry, CaBindings bindings, PhoneCodes codes, PluginReviews reviews,
               PersonBindings core, NoticeSender notices, EmailSender email, TenantTransactions tx, Clock clock,
               PluginLedger ledger) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.registry = registry;
        this.bindings = bindings;
        this.codes = codes;
        this.reviews = reviews;
        this.core = core;
        this.notices = notices;
        this.email = email;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Sends a code to the mobile of the ID's current binding; does nothing otherwise, and answers alike either way
     * (also when the number is rate-limited: that too would tell the ID is registered). Alike in time too: every
     * answer takes at least {@link #CODE_ANSWER_FLOOR} (the code's issue is a few statements, the unknown ID none), and
     * a client address may ask {@link #CODES_PER_ADDRESS_HOUR} times an hour (429 beyond, counted for every ID).
     */
    void sendCode(String residentId, String clientAddress) {
        long started = System.nanoTime(); // elapsed time of this answer, not the business clock
        String id = residentId(residentId);
        limitAddress(clientAddress);
        try {
            bound(id).ifPresent(b -> {
                try {
                    codes.send(CODE_PURPOSE, b.mobile());
                } catch (PhoneCodeException e) {
                    // answered alike; the person waits and asks again
                }
            });
        } finally {
            long left = CODE_ANSWER_FLOOR.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }

    /** 10 code requests an hour per client address (the tenant's own table: the tenant is part of the key). */
    private void limitAddress(String clientAddress) {
        String address = clientAddress == null || clientAddress.isBlank() ? "unknown"
                : clientAddress.length() > 64 ? clientAddress.substring(0, 64) : clientAddress;
        OffsetDateTime now = now();
        boolean over = tx.inTransaction(() -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("nmg-unbinding-code:" + address).query().singleRow();
            jdbc.sql("delete from nmg_unbinding_code_request where client_address = ? and at <= ?")
                    .params(address, now.minusHours(1)).update();
            long recent = jdbc.sql("select count(*) from nmg_unbinding_code_request where client_address = ?")
                    .param(address).query(Long.class).single();
            if (recent >= CODES_PER_ADDRESS_HOUR) {
                return true;
            }
            jdbc.sql("insert into nmg_unbinding_code_request (client_address, at) values (?, ?)").params(address, now).update();
            return false;
        });
        if (over) {
            throw new PluginProblem(429, "rate-limited", "请求过于频繁，请一小时后再试 / too many requests from this address; try again in an hour");
        }
    }

    /**
     * The request, or the party's open one (who proves the mobile may see it again). Wrong code and unknown ID are
     * the same refusal.
     */
    Submitted submit(String residentId, String code, String reason, boolean keyLost) {
        List<FieldProblem> problems = new ArrayList<>();
        String id = residentId == null ? "" : residentId.strip().toUpperCase();
        if (!RESIDENT_ID.matcher(id).matches()) {
            problems.add(new FieldProblem("residentId", "请输入 18 位身份证号 / the 18-character resident ID"));
        }
        String c = code == null ? "" : code.strip();
        if (!c.matches("\\d{6}")) {
            problems.add(new FieldProblem("code", "请输入 6 位短信验证码 / the 6-digit SMS code"));
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 4 || why.length() > 500) {
            problems.add(new FieldProblem("reason", "请说明解绑原因（4–500 字） / the reason (4–500 characters)"));
        }
        if (!keyLost) {
            problems.add(new FieldProblem("keyLost", "须声明原 CA 锁已丢失且无法登录 / declare that the original key is lost"));
        }
        if (!problems.isEmpty()) {
            throw new PluginProblem(400, "invalid-input", "请检查填写的信息 / please check the fields", problems);
        }
        Optional<CaBindings.Binding> binding = bound(id);
        if (binding.isEmpty() || !codes.check(CODE_PURPOSE, binding.get().mobile(), c)) {
            throw new PluginProblem(400, "identity-not-confirmed",
                    "身份证号或短信验证码不正确 / the resident ID or the SMS code is not right",
                    List.of(new FieldProblem("code", "身份证号或短信验证码不正确 / resident ID or code not right")));
        }
        CaBindings.Binding b = binding.get();
        String token = token();
        Submitted submitted = tx.inTransaction(() -> {
            // concurrent submissions of one party queue here (else both insert and one hits ux_nmg_unbinding_open)
            jdbc.sql("select id from nmg_ca_binding where id = ? for update").param(b.id()).query(Long.class).optional();
            Optional<Long> open = jdbc.sql("select id from nmg_unbinding_request where party_id = ? and status = 'OPEN'")
                    .param(b.partyId()).query(Long.class).optional();
            if (open.isPresent()) {
                // one open request per party: the new token replaces the old one, so the person sees it again
                jdbc.sql("update nmg_unbinding_request set token_hash = ? where id = ?").params(hash(token), open.get()).update();
                event(open.get(), "OPEN", "person", "身份再次确认，状态页地址已更新 / identity confirmed again, new status link");
                return new Submitted(token, "OPEN");
            }
            long requestId = jdbc.sql("""
                            insert into nmg_unbinding_request (token_hash, party_id, binding_id, fingerprint, reason, status, created_at)
                            values (?, ?, ?, ?, ?, 'OPEN', ?) returning id""")
                    .params(hash(token), b.partyId(), b.id(), b.fingerprint(), why, now()).query(Long.class).single();
            event(requestId, "OPEN", "person", "提交解绑申请 / unbinding requested");
            long reviewId = reviews.submit(KIND, Long.toString(requestId),
                    "CA证书解绑申请：" + b.holderName() + "，证书 " + b.serial() + " / unbinding of a lost key", "person:" + b.partyId());
            jdbc.sql("update nmg_unbinding_request set review_id = ? where id = ?").params(reviewId, requestId).update();
            // the real holder hears of it at once (a SIM swap would otherwise go unnoticed until the approval)
            notices.toParty(b.partyId(), new Notice(NoticeKind.ACCOUNT_SECURITY, "收到CA证书解绑申请", "Unbinding requested",
                    "有人以您的身份证号和绑定手机提交了CA证书解绑申请。若非本人操作，请立即联系运营人员。",
                    "An unbinding of your certificate was requested with your resident ID and bound mobile. If it was not you, "
                            + "contact the operator at once."));
            return new Submitted(token, "NEW");
        });
        if ("NEW".equals(submitted.status())) {
            mailHolder(b);
            return new Submitted(submitted.token(), "OPEN");
        }
        return submitted;
    }

    /** The e-mail confirmed at binding hears of the request too; a failed e-mail does not undo the request. */
    private void mailHolder(CaBindings.Binding b) {
        if (b.email() == null || b.email().isBlank()) {
            return;
        }
        try {
            email.send(new EmailMessage(b.email(), "收到CA证书解绑申请 / Unbinding requested",
                    "有人以您的身份证号和绑定手机提交了CA证书解绑申请（证书 " + b.serial() + "）。若非本人操作，请立即联系运营人员。\n\n"
                            + "An unbinding of your certificate (" + b.serial() + ") was requested with your resident ID and bound mobile. "
                            + "If it was not you, contact the operator at once."));
        } catch (EmailException | IllegalArgumentException e) {
            log.info("unbinding notice e-mail to the holder of party {} not sent: {}", b.partyId(), e.getMessage());
        }
    }

    Optional<View> view(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select id from nmg_unbinding_request where token_hash = ?").param(hash(token)).query(Long.class)
                .optional().flatMap(this::find).map(r -> new View(r.status(), r.createdAt(), r.decidedAt(), r.decisionReason(),
                        serial(r.bindingId()), history(r.id())));
    }

    /** The reviewer approved: the binding ends in the core and here; the person is told. */
    void approved(long requestId, String reviewer) {
        Request r = find(requestId).filter(x -> x.status().equals("OPEN")).orElse(null);
        if (r == null) {
            return; // decided already
        }
        // the binding row first, as the person's re-confirmation takes it, then the ledger (core.end): one lock order
        jdbc.sql("select id from nmg_ca_binding where id = ? for update").param(r.bindingId()).query(Long.class).optional();
        String reason = "CA证书解绑（原证书丢失）：" + r.reason();
        String actor = reviewer; // already "reviewer:<username>"
        try {
            core.end(r.partyId(), r.fingerprint(), reason, actor);
        } catch (BindingException e) {
            if (!"not-found".equals(e.code())) {
                throw e;
            }
            // ended in the core meanwhile (e.g. revoked): nothing more to end there
        }
        bindings.end(r.bindingId(), r.reason(), actor);
        decide(r.id(), "APPROVED", reviewer, null);
        event(r.id(), "APPROVED", actor, "绑定已解除 / binding ended");
        notices.toParty(r.partyId(), new Notice(NoticeKind.REVIEW_APPROVED, "CA证书解绑已通过", "Unbinding approved",
                "原证书的绑定已解除，其登录会话已结束。请使用新证书登录并重新绑定。",
                "The lost key's binding has ended and its sessions with it. Sign in with your new key and bind it."));
    }

    void rejected(long requestId, String reason, String reviewer) {
        Request r = find(requestId).filter(x -> x.status().equals("OPEN")).orElse(null);
        if (r == null) {
            return;
        }
        decide(r.id(), "REJECTED", reviewer, reason);
        event(r.id(), "REJECTED", reviewer, reason);
        notices.toParty(r.partyId(), new Notice(NoticeKind.REVIEW_REJECTED, "CA证书解绑未通过", "Unbinding rejected",
                "原因：" + reason, "Reason: " + reason));
    }

    /** What the reviewer sees beside the summary. */
    Map<String, String> details(long requestId) {
        Map<String, String> d = new LinkedHashMap<>();
        find(requestId).ifPresent(r -> {
            Optional<PartyRegistry.Snapshot> party = registry.snapshot(r.partyId());
            CaBindings.Binding b = binding(r.bindingId());
            d.put("姓名 / Name", party.map(PartyRegistry.Snapshot::name).orElse(b.holderName()));
            d.put("身份证号 / Resident ID", party.map(p -> Masks.residentId(p.identifier())).orElse("—"));
            d.put("绑定手机（已短信验证） / Bound mobile (SMS confirmed)", Masks.mobile(b.mobile()));
            d.put("解绑原因 / Reason", r.reason());
            d.put("声明 / Declaration", "原 CA 锁已丢失，无法使用现有 CA 锁登录 / the original key is lost and cannot log in");
            d.put("证书序列号 / Certificate serial", b.serial());
            d.put("颁发者 / Issuer", b.issuer());
            d.put("绑定时间 / Bound at", BEIJING.format(b.boundAt()));
            d.put("申请时间 / Requested at", BEIJING.format(r.createdAt()));
        });
        return d;
    }

    Optional<Request> find(long id) {
        return jdbc.sql("select * from nmg_unbinding_request where id = ?").param(id)
                .query((rs, n) -> new Request(rs.getLong("id"), rs.getLong("party_id"), rs.getLong("binding_id"),
                        rs.getString("fingerprint"), rs.getString("reason"), rs.getString("status"), rs.getString("decided_by"),
                        rs.getString("decision_reason"), CaBindings.instant(rs.getObject("created_at", OffsetDateTime.class)),
                        CaBindings.instant(rs.getObject("decided_at", OffsetDateTime.class))))
                .optional();
    }

    List<Event> history(long requestId) {
        return jdbc.sql("select status, actor, note, at from nmg_unbinding_event where request_id = ? order by id").param(requestId)
                .query((rs, n) -> new Event(rs.getString("status"), rs.getString("actor"), rs.getString("note"),
                        CaBindings.instant(rs.getObject("at", OffsetDateTime.class))))
                .list();
    }

    private Optional<CaBindings.Binding> bound(String residentId) {
        OptionalLong party = registry.findNaturalPerson(residentId);
        return party.isPresent() ? bindings.current(party.getAsLong()) : Optional.empty();
    }

    private CaBindings.Binding binding(long id) {
        return bindings.byId(id).orElseThrow();
    }

    private String serial(long bindingId) {
        return bindings.byId(bindingId).map(CaBindings.Binding::serial).orElse(null);
    }

    private void decide(long id, String status, String reviewer, String reason) {
        jdbc.sql("update nmg_unbinding_request set status = ?, decided_by = ?, decision_reason = ?, decided_at = ? where id = ?")
                .params(status, reviewer, reason, now(), id).update();
    }

    /** A state change of the request: its history here and the tenant's ledger, in the caller's transaction. */
    private void event(long requestId, String status, String actor, String note) {
        jdbc.sql("insert into nmg_unbinding_event (request_id, status, actor, note, at) values (?, ?, ?, ?, ?)")
                .params(requestId, status, actor, note, now()).update();
        ledger.record("unbinding", Long.toString(requestId), status, Map.of("note", note == null ? "" : note), actor);
    }

    private static String residentId(String value) {
        String id = value == null ? "" : value.strip().toUpperCase();
        if (!RESIDENT_ID.matcher(id).matches()) {
            throw new PluginProblem(400, "invalid-input", "请输入 18 位身份证号 / the 18-character resident ID",
                    List.of(new FieldProblem("residentId", "请输入 18 位身份证号 / the 18-character resident ID")));
        }
        return id;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only the hash is stored: a database read hands out no status link. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
