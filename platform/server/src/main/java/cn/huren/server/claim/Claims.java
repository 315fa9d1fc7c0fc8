package cn.huren.server.claim;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.account.PersonAccounts;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.membership.MemberRole;
import cn.huren.server.membership.Membership;
import cn.huren.server.membership.Memberships;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims of enterprises (认领企业, APP-13–APP-18) in the current tenant. A verified person submits one for an
 * enterprise without an ACTIVE ADMIN ({@link ClaimForm} checks it; one open claim per USCC); the tenant's reviewer
 * approves (the person is told "CA证书已通过审核") or rejects it; the claim completes — the enterprise party found or
 * registered, the claimant its ADMIN — when an enterprise certificate of the claim's USCC proves it: one presented and
 * signed by the claimant ({@link #completeByProof}) or, from ordering, the one issued for the claim
 * ({@link #completeByIssuedCertificate}). Every change is in {@code enterprise_claim_history} and on the ledger.
 */
@Service
public class Claims {

    public static final String KIND = "enterprise-claim";
    public static final String RECORD_TYPE = "enterprise-claim";
    static final String VIA = "CLAIM";

    /**
     * The certificate that completes a claim: its holder's USCC and name as the CA wrote them, and which certificate
     * it is (serial, issuer) for the record.
     */
    public record ClaimCertificate(String uscc, String holderName, String serial, String issuer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final ClaimForm form;
    private final Memberships memberships;
    private final PartyRegistration parties;
    private final ReviewQueue queue;
    private final Notices notices;
    private final ChangeLedger ledger;
    private final CertificateVerifier verifier;
    private final TransactionTemplate tx;
    private final Clock clock;

    Claims(TenantData data, ClaimForm form, Memberships memberships, PartyRegistration parties, ReviewQueue queue, Notices notices,
           ChangeLedger ledger, CertificateVerifier verifier, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = data.jdbc();
        this.form = form;
        this.memberships = memberships;
        this.parties = parties;
        this.queue = queue;
        this.notices = notices;
        this.ledger = ledger;
        this.verifier = verifier;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The exact message an enterprise certificate signs to complete claim {@code id} of {@code tenant}. */
    public static String proofMessage(String tenant, long id) {
        return "huren-claim:" + tenant + ":" + id;
    }

    // ---- the claimant ---------------------------------------------------------------------------------------------

    /**
     * Submits a claim (APP-14–16) and puts it in the reviewer's queue. 400 with every field's error; 409
     * {@code enterprise-already-claimed} when the enterprise has its ADMIN, {@code claim-open} when a claim of the USCC
     * is open (anyone's); nothing written then.
     */
    @Transactional
    public Claim submit(PartyAccess me, ClaimForm.Input input) {
        long account = Memberships.requireVerifiedAccount(me);
        ClaimForm.Checked c = form.check(me, input);
        String actor = PersonAccounts.actor(account);
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':claim:' || ?))").param(c.uscc()).query((rs, n) -> 1).single();
        Optional<Long> enterprise = enterpriseOf(c.uscc());
        // APP-27: the ADMIN made by bank transfer claims (buys the certificate of) its own enterprise; nobody else claims a claimed one
        if (enterprise.isPresent() && memberships.admin(enterprise.get()).filter(a -> !(a.accountId() == account && !a.mayManage())).isPresent()) {
            throw alreadyClaimed();
        }
        if (openClaim(c.uscc()).isPresent()) {
            throw claimOpen();
        }
        Instant now = clock.instant();
        long id;
        try {
            id = jdbc.sql("""
                            insert into enterprise_claim (account_id, person_party_id, uscc, enterprise_name, licence_id, legal_rep_name,
                              legal_rep_document_type, legal_rep_document_number, legal_rep_mobile, licence_valid_until, licence_long_term,
                              platform, ca_name, validity_years, roaming_regions, letter_id, extra_document_ids, state, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?) returning id""")
                    .params(account, me.partyId(), c.uscc(), c.enterpriseName(), c.licenceId(), c.legalRepresentativeName(),
                            c.document().type().name(), c.document().value(), c.mobile(),
                            c.licenceValidUntil() == null ? null : Date.valueOf(c.licenceValidUntil()), c.licenceLongTerm(),
                            c.platform(), c.ca(), c.validityYears(), String.join(",", c.roamingRegions()), c.letterId(),
                            String.join(",", c.extraDocumentIds().stream().map(UUID::toString).toList()),
                            Timestamp.from(now), Timestamp.from(now))
                    .query(Long.class).single();
        } catch (DuplicateKeyException concurrent) {
            throw claimOpen();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("uscc", c.uscc());
        detail.put("enterpriseName", c.enterpriseName());
        detail.put("legalRepresentativeDocument", c.document().masked());
        detail.put("ca", c.ca());
        detail.put("validityYears", c.validityYears());
        detail.put("roamingRegions", c.roamingRegions());
        detail.put("licenceId", c.licenceId().toString());
        detail.put("letterId", c.letterId().toString());
        detail.put("extraDocumentIds", c.extraDocumentIds().stream().map(UUID::toString).toList());
        record(id, "SUBMITTED", Claim.State.SUBMITTED, actor, detail);
        queue.submit(KIND, Long.toString(id), "企业认领 / enterprise claim: " + c.enterpriseName() + "（" + c.uscc() + "），法定代表人 "
                + c.legalRepresentativeName() + "（" + c.document().masked() + "），CA " + c.ca() + "，" + c.validityYears() + " 年"
                + (enterprise.isPresent() ? "" : "；登记簿中尚无此企业 / not yet in the registry"), actor);
        return require(account, id);
    }

    /** The person's claims, newest first (APP-17). */
    @Transactional(readOnly = true)
    public List<Claim> mine(PartyAccess me) {
        long account = Memberships.requireVerifiedAccount(me);
        return jdbc.sql("select * from enterprise_claim where account_id = ? order by id desc limit 200").param(account)
                .query((rs, n) -> claim(rs, List.of())).list();
    }

    /** One of the person's claims with its history; another's (or none) is 404 {@code claim-not-found}. */
    @Transactional(readOnly = true)
    public Claim get(PartyAccess me, long id) {
        return require(Memberships.requireVerifiedAccount(me), id);
    }

    /** The claimant withdraws an open claim (its review item too). 409 {@code claim-closed} once decided otherwise. */
    @Transactional
    public Claim withdraw(PartyAccess me, long id) {
        long account = Memberships.requireVerifiedAccount(me);
        require(account, id);
        String actor = PersonAccounts.actor(account);
        queue.withdraw(KIND, Long.toString(id), actor); // the item before the claim's row, as a decision locks them
        Row row = lock(id);
        if (!row.state().open()) {
            throw closed(row.state());
        }
        change(id, Claim.State.WITHDRAWN, null);
        record(id, "WITHDRAWN", Claim.State.WITHDRAWN, actor, Map.of());
        return require(account, id);
    }

    /**
     * Completes the claim with an enterprise certificate the claimant holds: {@code certificate} (PEM or base64 DER) and
     * {@code signature} (base64) over {@link #proofMessage}. The certificate must pass every check of the tenant
     * (trusted chain, validity, revocation) and be the enterprise's: holder ENTERPRISE with the claim's USCC (422
     * {@code certificate-not-of-enterprise}). Completes a SUBMITTED or APPROVED claim alike; 409
     * {@code enterprise-already-claimed} when the enterprise got an ADMIN meanwhile, nothing changed.
     */
    public Claim completeByProof(PartyAccess me, long id, String certificate, String signature) {
        long account = Memberships.requireVerifiedAccount(me);
        Claim claim = tx.execute(s -> require(account, id));
        List<FieldError> errors = new java.util.ArrayList<>();
        byte[] der = base64(certificate, true);
        byte[] sig = base64(signature, false);
        if (der == null) {
            errors.add(new FieldError("certificate", "the enterprise certificate, PEM or base64 DER", "certificate-required"));
        }
        if (sig == null) {
            errors.add(new FieldError("signature", "the base64 signature over " + claim.proofMessage(), "signature-required"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!claim.open()) {
            throw closed(claim.state());
        }
        // outside the transaction: revocation checks may fetch lists
        VerifiedCertificate verified = verifier.verifySigned(der, proofMessage(TenantContext.require().code(), id).getBytes(StandardCharsets.UTF_8), sig);
        if (verified.holderKind() != PartyKind.ENTERPRISE || !claim.uscc().equals(verified.holderIdentifier())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-not-of-enterprise",
                    "the certificate is not an enterprise certificate of " + claim.uscc() + " (the claimed enterprise's USCC)");
        }
        ClaimCertificate proof = new ClaimCertificate(verified.holderIdentifier(), verified.holderName(), verified.serialNumber(), verified.issuer());
        return tx.execute(s -> {
            complete(id, proof, PersonAccounts.actor(account), "CERTIFICATE_PRESENTED");
            return require(account, id);
        });
    }

    /**
     * For ordering (the purchase of the enterprise's first certificate, APP-18): the certificate issued for claim
     * {@code claimId} completes it, in the caller's transaction. The certificate's USCC must be the claim's (422
     * {@code certificate-not-of-enterprise}); 409 {@code claim-closed} unless the claim is open, {@code
     * enterprise-already-claimed} when the enterprise has an ADMIN; a refusal changes nothing.
     */
    @Transactional
    public Claim completeByIssuedCertificate(long claimId, ClaimCertificate certificate, String actor) {
        Row row = find(claimId).orElseThrow(Claims::notFound);
        complete(claimId, certificate, actor, "CERTIFICATE_ISSUED");
        return require(row.accountId(), claimId);
    }

    // ---- the reviewer (ClaimReviewHandler, in the decision's transaction) -----------------------------------------

    void approve(long id, String reviewer) {
        Row row = lock(id);
        if (row.state() != Claim.State.SUBMITTED) {
            throw closed(row.state());
        }
        change(id, Claim.State.APPROVED, null);
        record(id, "APPROVED", Claim.State.APPROVED, reviewer, Map.of());
        String name = row.enterpriseName();
        notices.toParty(row.personPartyId(), new Notice(NoticeKind.REVIEW_APPROVED, "CA证书已通过审核", "CA certificate approved",
                "您认领" + name + "的申请已通过审核。请购买并下载该企业的证书（或用该企业已有的有效证书签名证明），认领即完成，您将成为企业管理员。",
                "Your claim of " + name + " was approved. Buy and download the enterprise's certificate (or prove it with a valid "
                        + "certificate of the enterprise): the claim then completes and you become its administrator.",
                link(id)));
    }

    void reject(long id, String reason, String reviewer) {
        Row row = lock(id);
        if (row.state() != Claim.State.SUBMITTED) {
            throw closed(row.state());
        }
        change(id, Claim.State.REJECTED, reason);
        record(id, "REJECTED", Claim.State.REJECTED, reviewer, Map.of("reason", reason));
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select * from enterprise_claim where id = ?").param(id).query(Claims::row).optional();
    }

    static String link(long id) {
        return "/t/" + TenantContext.require().code() + "/account/enterprises/claims#claim-" + id;
    }

    // ---- completion -----------------------------------------------------------------------------------------------

    private void complete(long id, ClaimCertificate certificate, String actor, String action) {
        queue.withdraw(KIND, Long.toString(id), actor); // an open review is moot: the certificate proves more
        Row row = lock(id);
        if (!row.state().open()) {
            throw closed(row.state());
        }
        if (certificate.uscc() == null || !row.uscc().equals(certificate.uscc().strip().toUpperCase())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "certificate-not-of-enterprise",
                    "the certificate is not an enterprise certificate of " + row.uscc() + " (the claimed enterprise's USCC)");
        }
        String name = certificate.holderName() == null || certificate.holderName().isBlank() ? row.enterpriseName() : certificate.holderName();
        PartyView enterprise = parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, row.uscc(), name, "claim-certificate"));
        memberships.lock(enterprise.id());
        Optional<Membership> current = memberships.admin(enterprise.id());
        // APP-27: the claimant is the ADMIN a bank transfer made, who may manage staff once the certificate is theirs
        boolean bankTransferAdmin = current.filter(a -> a.accountId() == row.accountId() && !a.mayManage()).isPresent();
        if (current.isPresent() && !bankTransferAdmin) {
            throw alreadyClaimed();
        }
        Map<String, Object> detail = Map.of("claimId", id, "certificateSerial", String.valueOf(certificate.serial()));
        Membership admin;
        if (bankTransferAdmin) {
            memberships.allowManaging(current.get().id(), actor, detail);
            admin = memberships.find(current.get().id()).orElseThrow();
        } else {
            Optional<Membership> staff = memberships.active(enterprise.id(), row.accountId());
            admin = staff.isPresent()
                    ? memberships.swapAdmin(enterprise.id(), row.accountId(), VIA, actor, detail)
                    : memberships.add(enterprise.id(), row.accountId(), MemberRole.ADMIN, true, VIA, actor, detail);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        update enterprise_claim set state = 'COMPLETED', enterprise_id = ?, membership_id = ?, certificate_serial = ?,
                          certificate_issuer = ?, completed_at = ?, updated_at = ? where id = ?""")
                .params(enterprise.id(), admin.id(), certificate.serial(), certificate.issuer(), Timestamp.from(now), Timestamp.from(now), id)
                .update();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("enterpriseId", enterprise.id());
        content.put("membershipId", admin.id());
        content.put("certificateSerial", certificate.serial());
        content.put("certificateIssuer", certificate.issuer());
        record(id, action, Claim.State.COMPLETED, actor, content);
        notices.toParty(row.personPartyId(), new Notice(NoticeKind.SYSTEM, "企业认领成功", "Enterprise claimed",
                "您已成为" + enterprise.name() + "的管理员。", "You are now the administrator of " + enterprise.name() + ".", link(id)));
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    record Row(long id, long accountId, long personPartyId, String uscc, String enterpriseName, Claim.State state) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("person_party_id"), rs.getString("uscc"),
                rs.getString("enterprise_name"), Claim.State.valueOf(rs.getString("state")));
    }

    private Row lock(long id) {
        return jdbc.sql("select * from enterprise_claim where id = ? for update").param(id).query(Claims::row).optional()
                .orElseThrow(Claims::notFound);
    }

    private Optional<Long> enterpriseOf(String uscc) {
        return jdbc.sql("select id from party where uscc = ? and kind = 'ENTERPRISE'").param(uscc).query(Long.class).optional();
    }

    private Optional<Long> openClaim(String uscc) {
        return jdbc.sql("select id from enterprise_claim where uscc = ? and state in ('SUBMITTED', 'APPROVED')").param(uscc)
                .query(Long.class).optional();
    }

    private void change(long id, Claim.State state, String reason) {
        jdbc.sql("update enterprise_claim set state = ?, reason = coalesce(?, reason), updated_at = ? where id = ?")
                .params(state.name(), reason, Timestamp.from(clock.instant()), id).update();
    }

    private void record(long id, String action, Claim.State state, String actor, Map<String, Object> detail) {
        Map<String, Object> content = new LinkedHashMap<>(detail);
        content.put("state", state.name());
        jdbc.sql("insert into enterprise_claim_history (claim_id, action, state, actor, at, detail) values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(id, action, state.name(), actor, Timestamp.from(clock.instant()), json(content)).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(id), action, content);
    }

    private Claim require(long account, long id) {
        List<Claim.Step> history = jdbc.sql("select action, state, at, detail ->> 'reason' from enterprise_claim_history where claim_id = ? order by id")
                .param(id).query((rs, n) -> new Claim.Step(rs.getString(1), Claim.State.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                        rs.getString(4))).list();
        return jdbc.sql("select * from enterprise_claim where id = ? and account_id = ?").params(id, account)
                .query((rs, n) -> claim(rs, history)).optional().orElseThrow(Claims::notFound);
    }

    private static Claim claim(ResultSet rs, List<Claim.Step> history) throws SQLException {
        Claim.State state = Claim.State.valueOf(rs.getString("state"));
        Date until = rs.getDate("licence_valid_until");
        Timestamp completed = rs.getTimestamp("completed_at");
        long enterprise = rs.getLong("enterprise_id");
        boolean noEnterprise = rs.wasNull();
        long id = rs.getLong("id");
        return new Claim(id, rs.getString("enterprise_name"), rs.getString("uscc"), state, rs.getString("reason"),
                rs.getObject("licence_id", UUID.class), rs.getString("legal_rep_name"), rs.getString("legal_rep_document_type"),
                IdentityDocument.mask(rs.getString("legal_rep_document_number")), SmsMessage.mask(rs.getString("legal_rep_mobile")),
                until == null ? null : until.toLocalDate(), rs.getBoolean("licence_long_term"), rs.getString("platform"),
                rs.getString("ca_name"), rs.getInt("validity_years"), split(rs.getString("roaming_regions")),
                rs.getObject("letter_id", UUID.class), split(rs.getString("extra_document_ids")).stream().map(UUID::fromString).toList(),
                noEnterprise ? null : enterprise, rs.getString("certificate_serial"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), completed == null ? null : completed.toInstant(),
                state.open() ? proofMessage(TenantContext.require().code(), id) : null, history);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static byte[] base64(String text, boolean certificate) {
        if (text == null || text.isBlank() || text.length() > 64_000) {
            return null;
        }
        String body = certificate ? text.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "") : text;
        try {
            byte[] bytes = Base64.getDecoder().decode(body.replaceAll("\\s", ""));
            return bytes.length == 0 ? null : bytes;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiException notFound() {
        return ApiException.notFound("claim-not-found", "no such claim of yours");
    }

    static ApiException alreadyClaimed() {
        return ApiException.conflict("enterprise-already-claimed",
                "the enterprise is registered in the app: it has its administrator (管理员); apply to join it instead");
    }

    private static ApiException claimOpen() {
        return ApiException.conflict("claim-open", "a claim of this enterprise is in progress already (one at a time)");
    }

    private static ApiException closed(Claim.State state) {
        return ApiException.conflict("claim-closed", "the claim is " + state + ": nothing more can be done with it");
    }
}
