package cn.huren.server.account;

import cn.huren.plugin.api.SmsMessage;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.notice.Notices;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.MobileNumbers;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The accounts of the current tenant: who a session's account is, the one real-name guard (APP-06), the account's
 * view, and its history (every change written to {@code account_history} and the ledger in the change's transaction).
 */
@Component
public class PersonAccounts {

    /** ORD-03: a mainland China mobile number (SMS messages go to it); the login name of an account. */
    static final String RECORD_TYPE = "account";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An account's row; package-private, never shown as is (it holds the password hash and the number in clear). */
    record Row(long id, String mobile, String passwordHash, Instant passwordSetAt, Instant privacyConsentAt, String realNameMethod,
               Instant realNameVerifiedAt, Long partyId, String status, Instant createdAt) {

        boolean active() {
            return "ACTIVE".equals(status);
        }

        boolean realNameVerified() {
            return realNameVerifiedAt != null && partyId != null;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ChangeLedger ledger;
    private final PartyRegistration parties;
    private final Clock clock;
    private final Notices notices;

    PersonAccounts(TenantData data, PlatformTransactionManager transactions, ChangeLedger ledger, PartyRegistration parties, Clock clock,
                   Notices notices) {
        this.notices = notices;
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.ledger = ledger;
        this.parties = parties;
        this.clock = clock;
    }

    /** The account of this session; 403 {@code account-required} for a session of a certificate or an identity provider. */
    public long require(PartyAccess me) {
        if (me == null || me.accountId() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account-required", "this needs a login to a person's account (mobile number)");
        }
        return me.accountId();
    }

    /**
     * APP-06: the one check that an account is real-name verified, for everything but the account's own security
     * (view, logout, password, mobile, closure, the real-name verification itself). 403 {@code real-name-required}.
     */
    public void requireRealName(long accountId) {
        if (!realNameVerified(accountId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "real-name-required",
                    "verify your real name first (实名认证): until then only the account's own security settings are available");
        }
    }

    /** Whether the account passed real-name verification (APP-06): it then names the person's party. */
    public boolean realNameVerified(long accountId) {
        return tx.execute(s -> find(accountId).map(Row::realNameVerified).orElse(false));
    }

    /** GET /me/account. */
    public AccountView view(long accountId) {
        Row row = tx.execute(s -> find(accountId)).orElseThrow(() -> ApiException.notFound("account-not-found", "no such account"));
        AccountView.RealName realName;
        if (row.realNameVerified()) {
            PartyView party = parties.require(row.partyId());
            realName = new AccountView.RealName(true, row.realNameMethod(), row.realNameVerifiedAt(), party.name(), IdentityDocument.mask(party.identifier()));
        } else {
            realName = new AccountView.RealName(false, null, null, null, null);
        }
        return new AccountView(row.id(), SmsMessage.mask(row.mobile()), row.passwordHash() != null, row.passwordSetAt(),
                row.privacyConsentAt(), realName, row.status(), row.createdAt());
    }

    /** The account's history, newest first: what changed, when, by whom; numbers in it are masked. */
    public List<HistoryEntry> history(long accountId) {
        return tx.execute(s -> jdbc.sql("select at, action, actor, detail::text from account_history where account_id = ? order by at desc, id desc limit 200")
                .param(accountId)
                .query((rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), readJson(rs.getString(4))))
                .list());
    }

    /** One change of an account. */
    public record HistoryEntry(Instant at, String action, String actor, Map<String, Object> detail) {
    }

    // ---- for the services of this package; all of these join the caller's transaction

    Optional<Row> find(long id) {
        return jdbc.sql("select * from account where id = ?").param(id).query(PersonAccounts::row).optional();
    }

    /** The row, locked until the transaction ends; 404 when there is none or it is closed. */
    Row lockActive(long id) {
        return jdbc.sql("select * from account where id = ? for update").param(id).query(PersonAccounts::row).optional()
                .filter(Row::active).orElseThrow(() -> ApiException.notFound("account-not-found", "no such account"));
    }

    Optional<Row> activeByMobile(String mobile) {
        return jdbc.sql("select * from account where mobile = ? and status = 'ACTIVE'").param(mobile).query(PersonAccounts::row).optional();
    }

    boolean mobileTaken(String mobile) {
        return activeByMobile(mobile).isPresent();
    }

    /**
     * Writes the change to the account's history and to the ledger, and tells the account of a security-relevant
     * change in its notice centre ({@link SecurityNotices}); inside the change's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(long accountId, String actor, String action, Map<String, Object> detail) {
        String json;
        try {
            json = JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("insert into account_history (account_id, at, action, actor, detail) values (?, ?, ?, ?, ?::jsonb)")
                .params(accountId, Timestamp.from(clock.instant()), action, actor, json).update();
        ledger.append(actor, RECORD_TYPE, Long.toString(accountId), action, detail);
        SecurityNotices.of(action, detail).ifPresent(notice -> notices.toAccount(accountId, notice));
    }

    /** Ends the account's sessions but {@code except} (a token hash, or null for all); how many ended. */
    int endSessions(long accountId, String except) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("update party_session set expires_at = ? where account_id = ? and expires_at > ? and token_hash <> coalesce(?, '')")
                .params(now, accountId, now, except).update();
    }

    /** ORD-03: adds a field error unless {@code mobile} is a mainland mobile number. */
    static void checkMobile(String field, String mobile, List<ApiException.FieldError> errors) {
        if (!MobileNumbers.mainland(mobile)) {
            errors.add(new ApiException.FieldError(field, "must be a mainland China mobile number: 11 digits starting 13 to 19", "mobile"));
        }
    }

    /** The ledger's name for what an account does itself. */
    public static String actor(long accountId) {
        return "account:" + accountId;
    }

    static void refuseIfAny(List<ApiException.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("mobile"), rs.getString("password_hash"), instant(rs, "password_set_at"),
                instant(rs, "privacy_consent_at"), rs.getString("real_name_method"), instant(rs, "real_name_verified_at"),
                (Long) rs.getObject("party_id"), rs.getString("status"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
