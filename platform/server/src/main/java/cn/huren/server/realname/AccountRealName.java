package cn.huren.server.realname;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyView;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account side of a real-name verification, on the tenant's {@code account} table through JDBC (the account
 * module owns the table; this is the one change real-name makes to it): the account names its person's party, the
 * method and the time, and the account's live sessions speak for that party from now on. Joins the caller's transaction.
 */
@Component
class AccountRealName {

    /** The account as real-name verification needs it. */
    record Account(long id, String status, Long partyId, String method, Instant verifiedAt) {
    }

    private final JdbcClient jdbc;
    private final ChangeLedger ledger;

    AccountRealName(TenantData data, ChangeLedger ledger) {
        this.jdbc = data.jdbc();
        this.ledger = ledger;
    }

    Optional<Account> find(long accountId, boolean lock) {
        return jdbc.sql("select id, status, party_id, real_name_method, real_name_verified_at from account where id = ?"
                        + (lock ? " for update" : ""))
                .param(accountId)
                .query((rs, n) -> new Account(rs.getLong("id"), rs.getString("status"), (Long) rs.getObject("party_id"),
                        rs.getString("real_name_method"), instant(rs.getObject("real_name_verified_at", OffsetDateTime.class))))
                .optional();
    }

    /** 404 unless the account exists and is active; 409 {@code real-name-verified} once verified. */
    Account requireUnverified(long accountId, boolean lock) {
        Account account = find(accountId, lock).filter(a -> "ACTIVE".equals(a.status()))
                .orElseThrow(() -> ApiException.notFound("account-not-found", "no active account " + accountId));
        if (account.verifiedAt() != null || account.partyId() != null) {
            throw ApiException.conflict("real-name-verified", "this account is already real-name verified");
        }
        return account;
    }

    /** One account per person: 409 {@code person-has-account} when another active account already names the party. */
    void requireNoOtherAccount(long partyId, long accountId) {
        boolean taken = jdbc.sql("select exists (select 1 from account where party_id = ? and status = 'ACTIVE' and id <> ?)")
                .params(partyId, accountId).query(Boolean.class).single();
        if (taken) {
            throw ApiException.conflict("person-has-account",
                    "this person already has an account on this portal; sign in to that account (one account per person)");
        }
    }

    /** Serialises the ties of one person in this tenant (transaction-scoped advisory lock on the document number). */
    void lockPerson(IdentityDocument document) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':real_name_person:' || ?))").param(document.value())
                .query((rs, n) -> 1).list();
    }

    /** The party of the person with this document number, if registered (the same lookup as certificate login's). */
    Optional<Long> personParty(IdentityDocument document) {
        return jdbc.sql("select id from party where kind = 'NATURAL_PERSON' and resident_id = ?").param(document.value())
                .query(Long.class).optional();
    }

    /** Ties the (locked, unverified) account to the party, attaches its live sessions, and writes the ledger. */
    void verified(long accountId, PartyView party, RealNameMethod method, Instant at, String reference) {
        requireNoOtherAccount(party.id(), accountId);
        Timestamp now = Timestamp.from(at);
        int updated = jdbc.sql("update account set party_id = ?, real_name_method = ?, real_name_verified_at = ?, updated_at = ?, "
                        + "version = version + 1 where id = ? and status = 'ACTIVE' and party_id is null")
                .params(party.id(), method.name(), now, now, accountId).update();
        if (updated != 1) {
            throw ApiException.conflict("real-name-verified", "this account is already real-name verified");
        }
        jdbc.sql("update party_session set party_id = ?, holder_kind = 'NATURAL_PERSON', holder_identifier = ?, holder_name = ? "
                        + "where account_id = ? and expires_at > ?")
                .params(party.id(), party.identifier(), party.name(), accountId, now).update();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("method", method.name());
        entry.put("partyId", party.id());
        entry.put("documentType", party.documentType() == null ? null : party.documentType().name());
        entry.put("maskedDocument", IdentityDocument.mask(party.identifier()));
        entry.put("providerReference", reference);
        entry.put("verifiedAt", at.toString());
        ledger.append("account:" + accountId, "account", Long.toString(accountId), "REAL_NAME_VERIFIED", entry);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
