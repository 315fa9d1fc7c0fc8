package cn.huren.server.handover;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.handover.Handover.Kind;
import cn.huren.server.handover.Handover.Person;
import cn.huren.server.handover.Handover.State;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyView;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDescriptor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * APP-78–80 (docs/enterprises.md): handovers of the ADMIN role and appeals. The roles swap only through
 * {@link Memberships#swapAdmin}, under the enterprise's lock, after checking that the ADMIN is still the one who asked
 * and the new one still STAFF. Every change of a handover is in {@code admin_handover_history} and on the ledger
 * ({@code admin-handover}).
 */
@Service
public class Handovers {

    public static final String KIND_HANDOVER = "admin-handover";
    public static final String KIND_APPEAL = "admin-appeal";
    static final String RECORD_TYPE = "admin-handover";
    /** How long a statement may be signed after it was issued. */
    static final Duration STATEMENT_LIFETIME = Duration.ofMinutes(10);

    /** A statement to sign (APP-78): its text is the exact message, UTF-8. */
    public record Statement(UUID statementId, String text, Instant issuedAt, Instant expiresAt, Person from, Person to) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) CERTIFICATE-----|\\s");
    private static final String COLUMNS = """
            h.id, h.enterprise_id, h.from_account_id, pf.name, pf.resident_id, h.to_account_id, pt.name, pt.resident_id, h.kind, h.state,
            h.certificate_serial, h.letter_id, h.reason, h.created_at, h.decided_by, h.decided_at, h.decision_reason
            from admin_handover h join account af on af.id = h.from_account_id left join party pf on pf.id = af.party_id
            join account ac on ac.id = h.to_account_id left join party pt on pt.id = ac.party_id""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Memberships memberships;
    private final AuthorisationLetters letters;
    private final CertificateVerifier verifier;
    private final CertificateBindings bindings;
    private final ReviewQueue reviews;
    private final Notices notices;
    private final ChangeLedger ledger;
    private final Clock clock;

    Handovers(TenantData data, PlatformTransactionManager transactions, Memberships memberships, AuthorisationLetters letters,
              CertificateVerifier verifier, CertificateBindings bindings, ReviewQueue reviews, Notices notices, ChangeLedger ledger,
              Clock clock) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.memberships = memberships;
        this.letters = letters;
        this.verifier = verifier;
        this.bindings = bindings;
        this.reviews = reviews;
        this.notices = notices;
        this.ledger = ledger;
        this.clock = clock;
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    /** The enterprise's handovers and appeals, newest first: all of them for the ADMIN, a STAFF member's own for staff. */
    public List<Handover> list(PartyAccess me, long enterpriseId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        return tx.execute(s -> jdbc.sql("select " + COLUMNS + " where h.enterprise_id = ? and (? or h.from_account_id = ? or h.to_account_id = ?) "
                        + "order by h.id desc limit 100")
                .params(enterpriseId, m.admin(), m.accountId(), m.accountId()).query(Handovers::row).list());
    }

    public Optional<Handover> find(long id) {
        return jdbc.sql("select " + COLUMNS + " where h.id = ?").param(id).query(Handovers::row).optional();
    }

    /** The staff members the ADMIN may hand the role to. */
    public List<Memberships.Member> candidates(PartyAccess me, long enterpriseId) {
        memberships.requireAdmin(me, enterpriseId);
        return memberships.members(enterpriseId).stream().filter(m -> m.role() != cn.huren.server.membership.MemberRole.ADMIN).toList();
    }

    // ---- APP-78: with an enterprise certificate --------------------------------------------------------------------

    /** A fresh statement naming the tenant, the enterprise and both persons, for the ADMIN to sign within {@link #STATEMENT_LIFETIME}. */
    public Statement statement(PartyAccess me, long enterpriseId, Long toAccountId) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        long to = requireTarget(toAccountId);
        return tx.execute(s -> {
            requireStaff(enterpriseId, to);
            PartyView enterprise = memberships.enterprise(enterpriseId);
            Person from = person(admin.accountId());
            Person next = person(to);
            TenantDescriptor tenant = TenantContext.require();
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            String text = String.join("\n",
                    "管理员移交声明 / Statement of handover of the administrator role",
                    "平台 / Tenant: " + tenant.nameZh() + " (" + tenant.code() + ")",
                    "企业 / Enterprise: " + enterprise.name(),
                    "统一社会信用代码 / USCC: " + enterprise.identifier(),
                    "移交人（管理员）/ From (administrator): " + from.name() + " " + from.maskedId(),
                    "接收人（办事人员）/ To (staff): " + next.name() + " " + next.maskedId(),
                    "本人作为上述企业的管理员，将管理员角色移交给上述办事人员，移交后本人成为办事人员。",
                    "As the enterprise's administrator I hand the role to the staff member named above and become staff.",
                    "声明编号 / Statement id: " + id,
                    "时间 / Time: " + now);
            jdbc.sql("""
                            insert into admin_handover_statement (id, enterprise_id, from_account_id, to_account_id, text, created_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(id, enterpriseId, admin.accountId(), to, text, Timestamp.from(now)).update();
            return new Statement(id, text, now, now.plus(STATEMENT_LIFETIME), from, next);
        });
    }

    /** A statement issued to the ADMIN, again (the page shows it to sign); 404 for anyone else's. */
    public Statement statementFor(PartyAccess me, long enterpriseId, UUID statementId) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        return tx.execute(s -> {
            StatementRow row = statementRow(statementId, enterpriseId, admin.accountId());
            return new Statement(statementId, row.text(), row.createdAt(), row.createdAt().plus(STATEMENT_LIFETIME), person(admin.accountId()),
                    person(row.toAccountId()));
        });
    }

    /**
     * APP-78: the ADMIN's signature over a statement, made with a certificate of this enterprise (trusted, valid, not revoked,
     * its USCC, bound to the enterprise and in use): the roles swap at once. Any open handover or appeal is superseded.
     */
    public Handover handOverWithCertificate(PartyAccess me, long enterpriseId, UUID statementId, String certificateText, String signatureText) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        byte[] der = decode(certificateText, "certificate", true);
        byte[] signature = decode(signatureText, "signature", false);
        if (statementId == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("statementId", "the statement you signed (POST …/handover/statements)")));
        }
        StatementRow statement = tx.execute(s -> statementRow(statementId, enterpriseId, admin.accountId()));
        if (statement.usedAt() != null) {
            throw ApiException.conflict("statement-used", "this statement was used already; get a new one");
        }
        if (!clock.instant().isBefore(statement.createdAt().plus(STATEMENT_LIFETIME))) {
            throw ApiException.conflict("statement-expired", "the statement expired " + STATEMENT_LIFETIME.toMinutes() + " minutes after it was issued; get a new one");
        }
        PartyView enterprise = memberships.enterprise(enterpriseId);
        VerifiedCertificate certificate;
        try {
            certificate = verifier.verifySigned(der, statement.text().getBytes(StandardCharsets.UTF_8), signature);
        } catch (ApiException e) {
            if ("signature-invalid".equals(e.kind())) { // not a 401: the session is fine, the signature is not
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "statement-signature-invalid",
                        "the signature does not verify with the certificate's key over this statement");
            }
            throw e;
        }
        if (certificate.holderKind() != PartyKind.ENTERPRISE || !certificate.holderIdentifier().equals(enterprise.identifier())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "certificate-not-of-enterprise",
                    "the statement must be signed with a certificate of this enterprise (USCC " + enterprise.identifier() + ")");
        }
        String actor = me.actor();
        return tx.execute(s -> {
            supersedeOpen(enterpriseId, actor, "handed over with a certificate");
            memberships.lock(enterpriseId);
            if (!bindings.actsFor(enterpriseId, certificate.fingerprint())) {
                throw new ApiException(HttpStatus.FORBIDDEN, "certificate-not-bound",
                        "the certificate is not bound to the enterprise, or is disabled or revoked (证书管理)");
            }
            requireStillAdmin(enterpriseId, admin.accountId());
            requireStaff(enterpriseId, statement.toAccountId());
            if (jdbc.sql("update admin_handover_statement set used_at = ? where id = ? and used_at is null")
                    .params(Timestamp.from(clock.instant()), statementId).update() != 1) {
                throw ApiException.conflict("statement-used", "this statement was used already; get a new one");
            }
            long id = insert(enterpriseId, admin.accountId(), statement.toAccountId(), Kind.WITH_CERTIFICATE, actor, Map.of(
                    "statementId", statementId.toString(), "statement", statement.text(), "signature", Base64.getEncoder().encodeToString(signature),
                    "fingerprint", certificate.fingerprint(), "serial", certificate.serialNumber()), null, null);
            jdbc.sql("update admin_handover set statement_id = ?, statement = ?, signature = ?, certificate_fingerprint = ?, certificate_serial = ? where id = ?")
                    .params(statementId, statement.text(), Base64.getEncoder().encodeToString(signature), certificate.fingerprint(),
                            certificate.serialNumber(), id).update();
            swap(id, enterpriseId, statement.toAccountId(), "HANDOVER", actor);
            tellNewAdmin(enterprise, statement.toAccountId(), enterpriseId);
            return find(id).orElseThrow();
        });
    }

    // ---- APP-79: with a sealed letter, reviewed --------------------------------------------------------------------

    /** APP-79: the ADMIN's sealed letter (X-08, purpose HANDOVER) naming the staff member, to the tenant's reviewer. */
    public Handover handOverWithLetter(PartyAccess me, long enterpriseId, Long toAccountId, UUID letterId) {
        Membership admin = memberships.requireAdmin(me, enterpriseId);
        long to = requireTarget(toAccountId);
        letters.require(me, letterId, "letterId");
        String actor = me.actor();
        return tx.execute(s -> {
            memberships.lock(enterpriseId);
            requireStaff(enterpriseId, to);
            PartyView enterprise = memberships.enterprise(enterpriseId);
            long id = insert(enterpriseId, admin.accountId(), to, Kind.WITH_LETTER, actor, Map.of("letterId", letterId.toString()), letterId, null);
            Person from = person(admin.accountId());
            Person next = person(to);
            reviews.submit(KIND_HANDOVER, Long.toString(id), "管理员移交（授权书）/ admin handover by letter: " + enterprise.name() + " "
                    + enterprise.identifier() + "; " + from.name() + " " + from.maskedId() + " → " + next.name() + " " + next.maskedId()
                    + "; letter " + letterId, actor);
            return find(id).orElseThrow();
        });
    }

    // ---- APP-80: a staff member's appeal ---------------------------------------------------------------------------

    /** APP-80: a STAFF member applies to become ADMIN with a reason and a sealed letter (purpose APPEAL), to the tenant's reviewer. */
    public Handover appeal(PartyAccess me, long enterpriseId, String reason, UUID letterId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        if (m.admin()) {
            throw ApiException.conflict("already-admin", "you are the enterprise's administrator already");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "the reason for the appeal, 1 to 1000 characters", "appeal-reason")));
        }
        TextInput.check("reason", why, 1000);
        letters.require(me, letterId, "letterId");
        String actor = me.actor();
        return tx.execute(s -> {
            memberships.lock(enterpriseId);
            requireStaff(enterpriseId, m.accountId());
            Membership admin = memberships.admin(enterpriseId).orElseThrow(() -> ApiException.conflict("enterprise-has-no-admin",
                    "the enterprise has no administrator; claim it instead"));
            PartyView enterprise = memberships.enterprise(enterpriseId);
            long id = insert(enterpriseId, admin.accountId(), m.accountId(), Kind.APPEAL, actor,
                    Map.of("letterId", letterId.toString(), "reason", why), letterId, why);
            Person applicant = person(m.accountId());
            reviews.submit(KIND_APPEAL, Long.toString(id), "申诉成为管理员 / appeal to become administrator: " + enterprise.name() + " "
                    + enterprise.identifier() + "; " + applicant.name() + " " + applicant.maskedId() + "; reason: " + why + "; letter " + letterId, actor);
            return find(id).orElseThrow();
        });
    }

    /** The submitter (the ADMIN of a letter handover, the applicant of an appeal) withdraws it while it waits. */
    public Handover withdraw(PartyAccess me, long enterpriseId, long handoverId) {
        Membership m = memberships.requireMember(me, enterpriseId);
        Handover h = find(handoverId).filter(x -> x.enterpriseId() == enterpriseId).filter(x -> submitter(x) == m.accountId())
                .orElseThrow(() -> ApiException.notFound("handover-not-found", "no handover or appeal " + handoverId + " of yours"));
        String actor = me.actor();
        return tx.execute(s -> {
            reviews.withdraw(reviewKind(h.kind()), Long.toString(handoverId), actor); // the item first, as a decision locks it
            memberships.lock(enterpriseId);
            if (!close(handoverId, State.WITHDRAWN, actor, null)) {
                throw ApiException.conflict("handover-closed", "this handover or appeal is no longer waiting");
            }
            return find(handoverId).orElseThrow();
        });
    }

    // ---- the reviewer's decisions (in the decision's transaction, the item locked) -----------------------------------

    /**
     * Approved: the roles swap. Refused with 409 {@code handover-stale} (the item stays open; the reviewer rejects it)
     * when the new ADMIN is no longer STAFF or, for a letter handover, the ADMIN who sent it is no longer ADMIN.
     */
    void approved(long handoverId, String reviewer) {
        Handover h = find(handoverId).orElseThrow(() -> ApiException.notFound("handover-not-found", "no handover " + handoverId));
        memberships.lock(h.enterpriseId());
        if (!isOpen(handoverId)) {
            throw ApiException.conflict("handover-closed", "handover " + handoverId + " is no longer waiting");
        }
        Optional<Membership> admin = memberships.admin(h.enterpriseId());
        boolean targetStaff = memberships.active(h.enterpriseId(), h.to().accountId()).filter(x -> !x.admin()).isPresent();
        boolean fromAdmin = admin.map(Membership::accountId).filter(a -> a == h.from().accountId()).isPresent();
        if (!targetStaff || (h.kind() == Kind.WITH_LETTER && !fromAdmin)) {
            throw ApiException.conflict("handover-stale", targetStaff
                    ? "the administrator who sent this handover is no longer the administrator; reject it"
                    : "the person who would become administrator is no longer a staff member of the enterprise; reject it");
        }
        PartyView enterprise = memberships.enterprise(h.enterpriseId());
        swap(handoverId, h.enterpriseId(), h.to().accountId(), h.kind() == Kind.APPEAL ? "APPEAL" : "HANDOVER", reviewer);
        if (h.kind() == Kind.APPEAL) {
            admin.ifPresent(former -> tellFormerAdmin(enterprise, former.accountId(), h.enterpriseId()));
        } else {
            tellNewAdmin(enterprise, h.to().accountId(), h.enterpriseId());
        }
    }

    void rejected(long handoverId, String reason, String reviewer) {
        Handover h = find(handoverId).orElseThrow(() -> ApiException.notFound("handover-not-found", "no handover " + handoverId));
        memberships.lock(h.enterpriseId());
        if (!close(handoverId, State.REJECTED, reviewer, reason)) {
            throw ApiException.conflict("handover-closed", "handover " + handoverId + " is no longer waiting");
        }
    }

    /** Whose request it is: the party told of the decision. */
    Optional<Long> submitterParty(long handoverId) {
        return find(handoverId).flatMap(h -> jdbc.sql("select party_id from account where id = ?").param(submitter(h)).query(Long.class).optional());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private record StatementRow(long toAccountId, String text, Instant createdAt, Instant usedAt) {
    }

    private StatementRow statementRow(UUID id, long enterpriseId, long fromAccountId) {
        return jdbc.sql("select to_account_id, text, created_at, used_at from admin_handover_statement where id = ? and enterprise_id = ? and from_account_id = ?")
                .params(id, enterpriseId, fromAccountId)
                .query((rs, n) -> new StatementRow(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .optional().orElseThrow(() -> ApiException.notFound("statement-not-found", "no handover statement " + id + " issued to you for this enterprise"));
    }

    private static long submitter(Handover h) {
        return h.kind() == Kind.APPEAL ? h.to().accountId() : h.from().accountId();
    }

    static String reviewKind(Kind kind) {
        return kind == Kind.APPEAL ? KIND_APPEAL : KIND_HANDOVER;
    }

    private static long requireTarget(Long toAccountId) {
        if (toAccountId == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("toAccountId", "choose the staff member who becomes administrator", "handover-target")));
        }
        return toAccountId;
    }

    private void requireStaff(long enterpriseId, long accountId) {
        memberships.active(enterpriseId, accountId).filter(m -> !m.admin())
                .orElseThrow(() -> ApiException.conflict("not-staff", "the new administrator must be a staff member of the enterprise"));
    }

    private void requireStillAdmin(long enterpriseId, long accountId) {
        if (memberships.admin(enterpriseId).map(Membership::accountId).filter(a -> a == accountId).isEmpty()) {
            throw ApiException.conflict("admin-changed", "you are no longer the enterprise's administrator: the role was handed over meanwhile");
        }
    }

    /** Any open letter handover or appeal ends SUPERSEDED (its review item withdrawn first: decisions lock the item, then the enterprise). */
    private void supersedeOpen(long enterpriseId, String actor, String why) {
        jdbc.sql("select id, kind from admin_handover where enterprise_id = ? and state = 'SUBMITTED'").param(enterpriseId)
                .query((rs, n) -> Map.entry(rs.getLong(1), Kind.valueOf(rs.getString(2)))).list()
                .forEach(open -> reviews.withdraw(reviewKind(open.getValue()), Long.toString(open.getKey()), actor));
        memberships.lock(enterpriseId);
        jdbc.sql("select id, kind from admin_handover where enterprise_id = ? and state = 'SUBMITTED'").param(enterpriseId)
                .query((rs, n) -> Map.entry(rs.getLong(1), Kind.valueOf(rs.getString(2)))).list()
                .forEach(open -> { // one submitted since the first look: its item too
                    reviews.withdraw(reviewKind(open.getValue()), Long.toString(open.getKey()), actor);
                    close(open.getKey(), State.SUPERSEDED, actor, why);
                });
    }

    private boolean isOpen(long id) {
        return jdbc.sql("select count(*) from admin_handover where id = ? and state = 'SUBMITTED'").param(id).query(Long.class).single() > 0;
    }

    private long insert(long enterpriseId, long from, long to, Kind kind, String actor, Map<String, Object> detail, UUID letterId, String reason) {
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into admin_handover (enterprise_id, from_account_id, to_account_id, kind, state, letter_id, reason, submitted_by, created_at)
                            values (?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?) returning id""")
                    .params(enterpriseId, from, to, kind.name(), letterId, reason, actor, Timestamp.from(now)).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("handover-open", "a handover or appeal of this enterprise waits for review already; one at a time");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("enterpriseId", enterpriseId);
        content.put("kind", kind.name());
        content.put("from", from);
        content.put("to", to);
        content.putAll(detail);
        history(id, State.SUBMITTED, actor, content);
        return id;
    }

    private void swap(long id, long enterpriseId, long to, String via, String actor) {
        memberships.swapAdmin(enterpriseId, to, via, actor, Map.of("handoverId", id));
        Instant now = clock.instant();
        jdbc.sql("update admin_handover set state = 'DONE', decided_by = ?, decided_at = ? where id = ? and state = 'SUBMITTED'")
                .params(actor, Timestamp.from(now), id).update();
        history(id, State.DONE, actor, Map.of("enterpriseId", enterpriseId, "newAdmin", to));
    }

    private boolean close(long id, State state, String actor, String reason) {
        if (jdbc.sql("update admin_handover set state = ?, decided_by = ?, decided_at = ?, decision_reason = ? where id = ? and state = 'SUBMITTED'")
                .params(state.name(), actor, Timestamp.from(clock.instant()), reason, id).update() != 1) {
            return false;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        if (reason != null) {
            detail.put("reason", reason);
        }
        history(id, state, actor, detail);
        return true;
    }

    private void history(long id, State state, String actor, Map<String, Object> detail) {
        Instant now = clock.instant();
        jdbc.sql("insert into admin_handover_history (handover_id, state, actor, at, detail) values (?, ?, ?, ?, ?::jsonb)")
                .params(id, state.name(), actor, Timestamp.from(now), json(detail)).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(id), state.name(), detail);
    }

    private Person person(long accountId) {
        return jdbc.sql("select a.id, p.name, coalesce(p.resident_id, p.uscc) from account a left join party p on p.id = a.party_id where a.id = ?").param(accountId)
                .query((rs, n) -> new Person(rs.getLong(1), rs.getString(2), IdentityDocument.mask(rs.getString(3)))).single();
    }

    private void tellNewAdmin(PartyView enterprise, long accountId, long enterpriseId) {
        notices.toAccount(accountId, new Notice(NoticeKind.SYSTEM, "您已成为" + enterprise.name() + "的管理员",
                "You are now the administrator of " + enterprise.name(),
                "企业" + enterprise.name() + "的管理员角色已移交给您，原管理员成为办事人员。",
                "The administrator role of " + enterprise.name() + " was handed to you; the former administrator is now staff.",
                link(enterpriseId)));
    }

    private void tellFormerAdmin(PartyView enterprise, long accountId, long enterpriseId) {
        notices.toAccount(accountId, new Notice(NoticeKind.SYSTEM, "您已不再是" + enterprise.name() + "的管理员",
                "You are no longer the administrator of " + enterprise.name(),
                "经审核，办事人员的申诉已通过，其成为企业" + enterprise.name() + "的管理员；您现为办事人员。",
                "After review, a staff member's appeal was approved and they are now the administrator of " + enterprise.name()
                        + "; you are now staff.",
                link(enterpriseId)));
    }

    static String link(long enterpriseId) {
        return "/t/" + TenantContext.require().code() + "/account/enterprises/" + enterpriseId;
    }

    private static byte[] decode(String text, String field, boolean pem) {
        if (text == null || text.isBlank() || text.length() > 32_768) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(field, "required, base64" + (pem ? " or PEM" : "") + ", at most 32 KB")));
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(pem ? PEM_ARMOUR.matcher(text).replaceAll("") : text.replaceAll("\\s", ""));
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(field, "not base64" + (pem ? " or PEM" : ""))));
        }
    }

    private static Handover row(ResultSet rs, int n) throws SQLException {
        String letter = rs.getString(12);
        Timestamp decided = rs.getTimestamp(16);
        return new Handover(rs.getLong(1), rs.getLong(2), new Person(rs.getLong(3), rs.getString(4), IdentityDocument.mask(rs.getString(5))),
                new Person(rs.getLong(6), rs.getString(7), IdentityDocument.mask(rs.getString(8))), Kind.valueOf(rs.getString(9)),
                State.valueOf(rs.getString(10)), rs.getString(11), letter == null ? null : UUID.fromString(letter), rs.getString(13),
                rs.getTimestamp(14).toInstant(), rs.getString(15), decided == null ? null : decided.toInstant(), rs.getString(17));
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
