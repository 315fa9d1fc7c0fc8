package cn.huren.server.banktransfer;

import cn.huren.plugin.api.BankTransfer;
import cn.huren.plugin.api.BankTransferException;
import cn.huren.plugin.api.BankTransferQuery;
import cn.huren.plugin.api.BankTransferVerifier;
import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.AuthorisationLetters;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.InvalidIdentifierException;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.Uscc;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 对公打款认证 (APP-25–27, docs/bank-transfer.md) for the current tenant. {@link #create} takes the enterprise's
 * information, the sealed letter and the last six digits of its corporate account, and answers the exact random
 * amount and the collection account to transfer to; {@link #confirm} (terms accepted) asks the bank, outside any
 * database transaction, for that transfer and, on a match whose payer is the enterprise by its full name, makes the
 * person the enterprise's ADMIN (without managing rights until a certificate, APP-27) or STAFF, in one transaction with
 * the verification's history, the ledger, a notice and the enterprise-verification order. Anything else changes nothing
 * but the attempt log.
 */
@Service
public class BankTransferVerifications {

    public static final String RECORD_TYPE = "bank-transfer-verification";
    /** The membership's {@code via}. */
    public static final String VIA = "BANK_TRANSFER";
    /** The amounts drawn, in fen: ¥0.01 to ¥9.99; unique among OPEN verifications of the tenant. */
    static final int MIN_FEN = 1;
    static final int MAX_FEN = 999;
    /** At most this many OPEN verifications per account (each holds an amount). */
    static final int MAX_OPEN = 3;

    /** What the person gives (the steps before the transfer). */
    public record Input(String enterpriseName, String uscc, UUID letterId, String payerAccountLast6) {
    }

    /** A verification as its person sees it. {@code state} is EXPIRED once past {@code expiresAt}, even before it is written. */
    public record Verification(long id, String state, String enterpriseName, String uscc, UUID letterId, String payerAccountLast6,
                               long amountFen, String amount, CollectionAccount collectionAccount, boolean termsAccepted, int attempts,
                               Instant createdAt, Instant expiresAt, Instant finishedAt, Confirmation confirmation) {

        public boolean open() {
            return "OPEN".equals(state);
        }
    }

    /** What the confirmation made: the membership and the transfer that proved it, and the order left for payment confirmation. */
    public record Confirmation(long enterpriseId, MemberRole role, long membershipId, String bankReference, String payerAccountMasked,
                               Instant transferredAt, Long orderId, String orderStatus) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER_STATUS = "AWAITING_PAYMENT_CONFIRMATION";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BankTransferVerifier verifier;
    private final BankTransferChecks checks;
    private final AuthorisationLetters letters;
    private final Memberships memberships;
    private final PartyRegistration parties;
    private final ChangeLedger ledger;
    private final Notices notices;
    private final CoreSettings core;
    private final boolean sandboxes;
    private final Clock clock;
    private final Duration expiry;
    private final SecureRandom random = new SecureRandom();

    BankTransferVerifications(TenantData data, PlatformTransactionManager transactions, BankTransferVerifier verifier,
                              BankTransferChecks checks, AuthorisationLetters letters, Memberships memberships, PartyRegistration parties,
                              ChangeLedger ledger, Notices notices, CoreSettings core, Environment env, Clock clock,
                              @Value("${huren.bank-transfer.expiry:PT48H}") Duration expiry) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.verifier = verifier;
        this.checks = checks;
        this.letters = letters;
        this.memberships = memberships;
        this.parties = parties;
        this.ledger = ledger;
        this.notices = notices;
        this.core = core;
        this.sandboxes = BankTransferConfig.sandboxes(env);
        this.clock = clock;
        this.expiry = expiry;
    }

    // ---- create ---------------------------------------------------------------------------------------------------

    /**
     * APP-25's steps up to the transfer: a new OPEN verification with its amount and collection account.
     *
     * @throws ApiException 400 {@code validation} ({@code enterpriseName}, {@code uscc}, {@code letterId},
     *     {@code payerAccountLast6}), 409 {@code already-member}, {@code verification-open}, {@code too-many-open},
     *     503 {@code bank-transfer-unavailable} (the tenant has no collection account)
     */
    public Verification create(PartyAccess me, Input input) {
        long account = Memberships.requireVerifiedAccount(me);
        List<FieldError> errors = new ArrayList<>();
        String name = input.enterpriseName() == null ? "" : input.enterpriseName().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("enterpriseName", "the enterprise's full name (企业全称), 1 to 200 characters", "enterprise-name"));
        }
        String uscc = null;
        try {
            uscc = Uscc.parse(input.uscc()).value();
        } catch (InvalidIdentifierException | NullPointerException e) {
            errors.add(new FieldError("uscc", e instanceof InvalidIdentifierException ? e.getMessage() : "the USCC is required", "uscc"));
        }
        try {
            letters.require(me, input.letterId(), "letterId");
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        String last6 = input.payerAccountLast6() == null ? "" : input.payerAccountLast6().strip();
        if (!last6.matches("[0-9]{6}")) {
            errors.add(new FieldError("payerAccountLast6", "the last six digits of the enterprise's corporate account", "payer-account-last6"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        CollectionAccount collection = BankTransferConfig.collectionAccount(core, sandboxes).orElseThrow(() -> ApiException.unavailable(
                "bank-transfer-unavailable", "bank-transfer verification is not set up on this platform (no collection account)"));
        String code = uscc;
        long id = tx.execute(s -> {
            expireDue();
            Optional<PartyView> known = parties.findByUscc(code);
            if (known.isPresent()) {
                if (!sameName(known.get().name(), name)) {
                    throw ApiException.invalid(List.of(new FieldError("enterpriseName",
                            "this is not the full name of the enterprise registered with this USCC", "enterprise-name-differs")));
                }
                if (memberships.active(known.get().id(), account).isPresent()) {
                    throw ApiException.conflict("already-member", "you are already a member of this enterprise");
                }
            }
            lockAccount(account);
            List<String> open = jdbc.sql("select uscc from bank_transfer_verification where account_id = ? and state = 'OPEN'")
                    .param(account).query(String.class).list();
            if (open.contains(code)) {
                throw ApiException.conflict("verification-open", "you already have an open bank-transfer verification of this enterprise");
            }
            if (open.size() >= MAX_OPEN) {
                throw ApiException.conflict("too-many-open", "at most " + MAX_OPEN + " open bank-transfer verifications at a time");
            }
            Instant now = now();
            long fen = allocateAmount();
            long created = jdbc.sql("""
                            insert into bank_transfer_verification (account_id, uscc, enterprise_name, letter_id, payer_account_last6, amount_fen,
                              collection_account, collection_account_name, collection_bank, state, created_at, expires_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?) returning id""")
                    .params(account, code, name, input.letterId(), last6, fen, collection.number(), collection.name(), collection.bank(),
                            Timestamp.from(now), Timestamp.from(now.plus(expiry)), Timestamp.from(now))
                    .query(Long.class).single();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("uscc", code);
            detail.put("enterpriseName", name);
            detail.put("letterId", input.letterId().toString());
            detail.put("payerAccountLast6", last6);
            detail.put("amountFen", fen);
            detail.put("collectionAccount", collection.number());
            record(created, "CREATED", PersonAccounts.actor(account), detail);
            return created;
        });
        return require(account, id);
    }

    /** A free amount under the tenant's lock: random, never one an OPEN verification holds (the unique index backs it). */
    private long allocateAmount() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':bank-transfer-amount'))").query((rs, n) -> 1).single();
        Set<Long> taken = new HashSet<>(jdbc.sql("select amount_fen from bank_transfer_verification where state = 'OPEN'")
                .query(Long.class).list());
        if (taken.size() >= MAX_FEN - MIN_FEN + 1) {
            throw ApiException.unavailable("bank-transfer-busy", "too many open bank-transfer verifications; try again later");
        }
        for (int i = 0; i < 100; i++) {
            long fen = MIN_FEN + random.nextInt(MAX_FEN - MIN_FEN + 1);
            if (!taken.contains(fen)) {
                return fen;
            }
        }
        // nearly full: the first free one from a random start
        int start = random.nextInt(MAX_FEN - MIN_FEN + 1);
        for (int i = 0; i <= MAX_FEN - MIN_FEN; i++) {
            long fen = MIN_FEN + (start + i) % (MAX_FEN - MIN_FEN + 1);
            if (!taken.contains(fen)) {
                return fen;
            }
        }
        throw ApiException.unavailable("bank-transfer-busy", "too many open bank-transfer verifications; try again later");
    }

    // ---- reads ----------------------------------------------------------------------------------------------------

    /** The person's verifications, newest first. */
    public List<Verification> mine(PartyAccess me) {
        long account = Memberships.requireVerifiedAccount(me);
        return tx.execute(s -> jdbc.sql(SELECT + " where v.account_id = ? order by v.id desc limit 50").param(account)
                .query(this::row).list());
    }

    /** One of the person's verifications; 404 {@code verification-not-found} for anyone else's. */
    public Verification one(PartyAccess me, long id) {
        return require(Memberships.requireVerifiedAccount(me), id);
    }

    /** The confirmations left to the account in the rolling 24 hours. */
    public int attemptsLeft(PartyAccess me) {
        return checks.attemptsLeft(Memberships.requireVerifiedAccount(me));
    }

    private Verification require(long account, long id) {
        return tx.execute(s -> find(account, id, false))
                .orElseThrow(() -> ApiException.notFound("verification-not-found", "no bank-transfer verification " + id + " of yours"));
    }

    private Optional<Verification> find(long account, long id, boolean lock) {
        return jdbc.sql(SELECT + " where v.id = ? and v.account_id = ?" + (lock ? " for update of v" : "")).params(id, account)
                .query(this::row).optional();
    }

    // ---- confirm --------------------------------------------------------------------------------------------------

    /**
     * APP-25's last step and APP-26: with the terms accepted, asks the bank for exactly the verification's transfer.
     * Confirming a CONFIRMED verification again answers it unchanged. Call it outside any transaction.
     *
     * @throws ApiException 400 {@code validation} ({@code termsAccepted}), 404 {@code verification-not-found}, 409
     *     {@code verification-expired}, {@code verification-cancelled}, {@code transfer-not-found} (none yet, another amount,
     *     another account), {@code payer-name-mismatch}, {@code transfer-already-used}, {@code already-member}, 429
     *     {@code bank-transfer-rate-limited}, 502 {@code bank-transfer-unavailable}, 504 {@code bank-transfer-timeout};
     *     in each case nothing changed but the attempt log
     */
    public Verification confirm(PartyAccess me, long id, Boolean termsAccepted) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("BankTransferVerifications.confirm asks the bank; call it outside a transaction");
        }
        long account = Memberships.requireVerifiedAccount(me);
        if (!Boolean.TRUE.equals(termsAccepted)) {
            throw ApiException.invalid(List.of(new FieldError("termsAccepted",
                    "accept the terms of bank-transfer verification (我知晓并同意)", "terms-required")));
        }
        Verification v = require(account, id);
        if ("CONFIRMED".equals(v.state())) {
            return v;
        }
        if ("EXPIRED".equals(v.state())) {
            tx.executeWithoutResult(s -> expire(v.id())); // written now, so that its amount is free again
        }
        requireOpen(v);
        long check = checks.reserve(account, v.id());
        Instant asked = clock.instant();
        BankTransferQuery query = new BankTransferQuery(v.collectionAccount().number(), v.payerAccountLast6(), v.amountFen(),
                v.createdAt(), asked);
        BankTransfer transfer;
        try {
            transfer = verifier.findTransfer(query).orElse(null);
        } catch (BankTransferException e) {
            checks.finish(check, e.reason().name(), null, e.code());
            if (e.reason() == BankTransferException.Reason.TIMEOUT) {
                throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "bank-transfer-timeout",
                        "the bank did not answer in time; nothing was changed, please try again");
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "bank-transfer-unavailable", "the bank "
                    + (e.reason() == BankTransferException.Reason.REFUSED ? "refused the query (" : "is not available (") + e.code()
                    + "); nothing was changed, please try again later");
        } catch (RuntimeException e) {
            checks.finish(check, "ERROR", null, e.getClass().getSimpleName());
            throw e;
        }
        if (transfer != null && !transfer.answers(query)) {
            checks.finish(check, "UNAVAILABLE", null, "inconsistent-answer");
            throw new ApiException(HttpStatus.BAD_GATEWAY, "bank-transfer-unavailable",
                    "the bank reported a transfer that is not the one asked for; nothing was changed, please try again later");
        }
        if (transfer == null) {
            checks.finish(check, "NOT_FOUND", null, null);
            throw ApiException.conflict("transfer-not-found", "no transfer of exactly ¥" + v.amount() + " from an account ending in "
                    + v.payerAccountLast6() + " has reached the collection account since " + v.createdAt()
                    + "; a transfer of another amount or from another account does not count");
        }
        try {
            return tx.execute(s -> confirmed(account, id, transfer, check));
        } catch (ApiException e) {
            checks.finish(check, "REFUSED", transfer.bankReference(), e.kind());
            throw e;
        } catch (DuplicateKeyException e) {
            checks.finish(check, "REFUSED", transfer.bankReference(), "transfer-already-used");
            throw transferUsed();
        } catch (RuntimeException e) {
            checks.finish(check, "ERROR", transfer.bankReference(), e.getClass().getSimpleName());
            throw e;
        }
    }

    /** The match, in one transaction: the enterprise, the membership, the verification, the order, history, ledger, notices. */
    private Verification confirmed(long account, long id, BankTransfer transfer, long check) {
        Verification v = find(account, id, true).orElseThrow();
        if ("CONFIRMED".equals(v.state())) {
            checks.finish(check, "MATCH", transfer.bankReference(), "already-confirmed");
            return v; // a concurrent confirmation won: the same outcome
        }
        requireOpen(v);
        Long usedBy = jdbc.sql("select id from bank_transfer_verification where bank_reference = ?").param(transfer.bankReference())
                .query(Long.class).optional().orElse(null);
        if (usedBy != null) {
            throw transferUsed();
        }
        // two people verifying the same new enterprise at once: the second waits, then finds the party registered
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':bank-transfer-uscc:' || ?))").param(v.uscc())
                .query((rs, n) -> 1).single();
        Optional<PartyView> known = parties.findByUscc(v.uscc());
        String expected = known.map(PartyView::name).orElse(v.enterpriseName());
        if (!sameName(expected, transfer.payerName())) {
            throw ApiException.conflict("payer-name-mismatch", "the transfer came from an account ending in " + v.payerAccountLast6()
                    + " whose holder is not " + expected + " (the enterprise's full name): it does not prove the enterprise");
        }
        String actor = PersonAccounts.actor(account);
        PartyView enterprise = known.orElseGet(() -> parties.register(
                new VerifiedIdentity(PartyKind.ENTERPRISE, v.uscc(), transfer.payerName(), "bank-transfer")));
        memberships.lock(enterprise.id());
        MemberRole role = memberships.admin(enterprise.id()).isPresent() ? MemberRole.STAFF : MemberRole.ADMIN;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("verificationId", v.id());
        detail.put("bankReference", transfer.bankReference());
        // APP-27: an ADMIN made by bank transfer manages staff only once a certificate is issued to them
        Membership membership = memberships.add(enterprise.id(), account, role, role == MemberRole.STAFF, VIA, actor, detail);
        Instant now = now();
        jdbc.sql("""
                        update bank_transfer_verification set state = 'CONFIRMED', terms_accepted = true, bank_reference = ?, payer_name = ?,
                          payer_account_masked = ?, transferred_at = ?, enterprise_id = ?, membership_id = ?, role = ?, finished_at = ?, updated_at = ?
                        where id = ? and state = 'OPEN'""")
                .params(transfer.bankReference(), transfer.payerName(), transfer.payerAccountMasked(), Timestamp.from(transfer.at()),
                        enterprise.id(), membership.id(), role.name(), Timestamp.from(now), Timestamp.from(now), v.id())
                .update();
        long order = jdbc.sql("""
                        insert into enterprise_verification_order (verification_id, enterprise_id, account_id, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(v.id(), enterprise.id(), account, ORDER_STATUS, Timestamp.from(now), Timestamp.from(now)).query(Long.class).single();
        Map<String, Object> confirmed = new LinkedHashMap<>();
        confirmed.put("termsAccepted", true);
        confirmed.put("bankReference", transfer.bankReference());
        confirmed.put("payerAccountMasked", transfer.payerAccountMasked());
        confirmed.put("amountFen", transfer.amountFen());
        confirmed.put("transferredAt", transfer.at().toString());
        confirmed.put("enterpriseId", enterprise.id());
        confirmed.put("membershipId", membership.id());
        confirmed.put("role", role.name());
        confirmed.put("orderId", order);
        record(v.id(), "CONFIRMED", actor, confirmed);
        notices.toAccount(account, new Notice(NoticeKind.REVIEW_APPROVED, "对公打款认证审核通过", "Bank-transfer verification approved",
                "您已通过对公打款认证，成为" + enterprise.name() + "的" + (role == MemberRole.ADMIN ? "管理员" : "办事人员") + "。"
                        + (role == MemberRole.ADMIN ? "购买企业证书（认领企业）后方可管理和授权办事人员。" : "")
                        + "订单管理中有一笔企业认证订单待确认支付。",
                "You passed the bank-transfer verification and are now " + (role == MemberRole.ADMIN ? "the administrator" : "staff")
                        + " of " + enterprise.name() + "." + (role == MemberRole.ADMIN
                        ? " Buy the enterprise's certificate (claim) before managing or authorising staff." : "")
                        + " An enterprise-verification order awaits payment confirmation."));
        if (role == MemberRole.STAFF) {
            notices.toParty(enterprise.id(), new Notice(NoticeKind.SYSTEM, "新办事人员（对公打款认证）", "New staff member (bank transfer)",
                    "一位办事人员通过对公打款认证加入了" + enterprise.name() + "。",
                    "A staff member joined " + enterprise.name() + " by bank-transfer verification."));
        }
        checks.finish(check, "MATCH", transfer.bankReference(), null);
        return find(account, id, false).orElseThrow();
    }

    // ---- cancel ---------------------------------------------------------------------------------------------------

    /** The person gives up an OPEN verification (its amount is free again); cancelling again answers it unchanged. */
    public Verification cancel(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        return tx.execute(s -> {
            Verification v = find(account, id, true)
                    .orElseThrow(() -> ApiException.notFound("verification-not-found", "no bank-transfer verification " + id + " of yours"));
            if ("CANCELLED".equals(v.state())) {
                return v;
            }
            requireOpen(v);
            Instant now = now();
            jdbc.sql("update bank_transfer_verification set state = 'CANCELLED', finished_at = ?, updated_at = ? where id = ? and state = 'OPEN'")
                    .params(Timestamp.from(now), Timestamp.from(now), id).update();
            record(id, "CANCELLED", PersonAccounts.actor(account), Map.of());
            return find(account, id, false).orElseThrow();
        });
    }

    // ---- expiry ---------------------------------------------------------------------------------------------------

    /** 409 unless OPEN (a verification past its time reads EXPIRED). */
    private static void requireOpen(Verification v) {
        switch (v.state()) {
            case "OPEN" -> {
            }
            case "CANCELLED" -> throw ApiException.conflict("verification-cancelled", "this bank-transfer verification was cancelled");
            case "CONFIRMED" -> throw ApiException.conflict("verification-confirmed", "this bank-transfer verification is confirmed");
            default -> throw ApiException.conflict("verification-expired", "this bank-transfer verification expired at " + v.expiresAt()
                    + "; start a new one (a transfer made for it does not count)");
        }
    }

    /** Writes EXPIRED on every OPEN verification past its time (their amounts are free again). */
    private void expireDue() {
        jdbc.sql("select id from bank_transfer_verification where state = 'OPEN' and expires_at <= ?").param(Timestamp.from(now()))
                .query(Long.class).list().forEach(this::expire);
    }

    private void expire(long id) {
        Instant now = now();
        if (jdbc.sql("update bank_transfer_verification set state = 'EXPIRED', finished_at = ?, updated_at = ? "
                + "where id = ? and state = 'OPEN' and expires_at <= ?").params(Timestamp.from(now), Timestamp.from(now), id, Timestamp.from(now))
                .update() == 1) {
            record(id, "EXPIRED", "system", Map.of());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void lockAccount(long account) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':bank-transfer-account:' || ?))").param(account)
                .query((rs, n) -> 1).single();
    }

    private void record(long id, String action, String actor, Map<String, Object> detail) {
        Map<String, Object> content = new LinkedHashMap<>(detail);
        jdbc.sql("insert into bank_transfer_verification_history (verification_id, action, actor, at, detail) values (?, ?, ?, ?, ?::jsonb)")
                .params(id, action, actor, Timestamp.from(now()), json(content)).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(id), action, content);
    }

    /**
     * The bank's account holder and the enterprise's full name are the same name: compared without blanks, with full-
     * and half-width brackets alike (banks and licences write either).
     */
    static boolean sameName(String a, String b) {
        return a != null && b != null && normalised(a).equals(normalised(b));
    }

    private static String normalised(String name) {
        return name.replace('（', '(').replace('）', ')').replaceAll("[\\s\\u3000]+", "");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException transferUsed() {
        return ApiException.conflict("transfer-already-used", "this bank transfer already confirmed another verification; each confirms one");
    }

    private static final String SELECT = """
            select v.id, v.state, v.enterprise_name, v.uscc, v.letter_id, v.payer_account_last6, v.amount_fen, v.collection_account,
              v.collection_account_name, v.collection_bank, v.terms_accepted, v.attempts, v.created_at, v.expires_at, v.finished_at,
              v.enterprise_id, v.role, v.membership_id, v.bank_reference, v.payer_account_masked, v.transferred_at, o.id as order_id,
              o.status as order_status
            from bank_transfer_verification v left join enterprise_verification_order o on o.verification_id = v.id""";

    private Verification row(ResultSet rs, int n) throws SQLException {
        Instant expires = rs.getTimestamp("expires_at").toInstant();
        String state = rs.getString("state");
        if ("OPEN".equals(state) && !clock.instant().isBefore(expires)) {
            state = "EXPIRED";
        }
        Timestamp finished = rs.getTimestamp("finished_at");
        Confirmation confirmation = null;
        long order = rs.getLong("order_id");
        Long orderId = rs.wasNull() ? null : order;
        if (rs.getString("role") != null) {
            confirmation = new Confirmation(rs.getLong("enterprise_id"), MemberRole.valueOf(rs.getString("role")), rs.getLong("membership_id"),
                    rs.getString("bank_reference"), rs.getString("payer_account_masked"), rs.getTimestamp("transferred_at").toInstant(),
                    orderId, rs.getString("order_status"));
        }
        long fen = rs.getLong("amount_fen");
        return new Verification(rs.getLong("id"), state, rs.getString("enterprise_name"), rs.getString("uscc"),
                rs.getObject("letter_id", UUID.class), rs.getString("payer_account_last6"), fen, yuan(fen),
                new CollectionAccount(rs.getString("collection_account"), rs.getString("collection_account_name"), rs.getString("collection_bank")),
                rs.getBoolean("terms_accepted"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(), expires,
                finished == null ? null : finished.toInstant(), confirmation);
    }

    /** Fen as yuan with two decimals: 137 → "1.37". */
    static String yuan(long fen) {
        return (fen / 100) + "." + String.format("%02d", fen % 100);
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
