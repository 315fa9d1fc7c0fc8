package cn.huren.server.realname;

import cn.huren.plugin.api.IdentityClaim;
import cn.huren.plugin.api.RealNameException;
import cn.huren.plugin.api.RealNameResult;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyView;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real-name verification of a person's account (APP-06, APP-07), for the current tenant: validate, ask the provider
 * (outside any database transaction), and on MATCH tie the account to the person's NATURAL_PERSON party, found or
 * registered by identity document, in one transaction. On any other answer nothing but the attempt log changes.
 * Call {@link #verify} outside any transaction. docs/real-name.md.
 */
@Service
public class RealNames {

    private final RealNameVerifier verifier;
    private final PartyRegistration parties;
    private final AccountRealName accounts;
    private final RealNameChecks checks;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;

    RealNames(RealNameVerifier verifier, PartyRegistration parties, AccountRealName accounts, RealNameChecks checks,
              PlatformTransactionManager transactions, TenantData data, Clock clock) {
        this.verifier = verifier;
        this.parties = parties;
        this.accounts = accounts;
        this.checks = checks;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.jdbc = data.jdbc();
        this.clock = clock;
    }

    /**
     * Verifies the account's holder by the chosen method and ties the account to the person's party.
     *
     * @throws ApiException 400 {@code validation} (field errors, the document number with the rule it broke), 404
     *     {@code account-not-found}, 409 {@code real-name-verified} or {@code person-has-account}, 429
     *     {@code real-name-rate-limited}, 422 {@code real-name-mismatch}, 502 {@code real-name-unavailable}, 504
     *     {@code real-name-timeout}; in each case the account, its sessions and the parties are unchanged
     */
    public VerifiedPerson verify(long accountId, RealNameRequest request) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // the provider may take seconds: no database transaction (and its locks) may wait on it
            throw new IllegalStateException("RealNames.verify asks an external provider; call it outside a transaction");
        }
        RealNameInput input = RealNameInput.of(request, clock);
        readOnly.executeWithoutResult(s -> {
            accounts.requireUnverified(accountId, false);
            accounts.personParty(input.document()).ifPresent(party -> accounts.requireNoOtherAccount(party, accountId));
        });
        long check = checks.reserve(accountId, input);
        RealNameResult result = ask(check, input);
        if (!result.matched()) {
            checks.finish(check, "MISMATCH", result.reference(), null, null);
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "real-name-mismatch",
                    "the name and the identity document do not match the records of the verification service"
                            + (input.method() == RealNameMethod.BANK_CARD ? " (or the card and its mobile number do not)" : "")
                            + (input.method() == RealNameMethod.ALIPAY_FACE ? " (or the face recognition did not)" : ""));
        }
        try {
            try {
                return tie(accountId, input, check, result.reference());
            } catch (RuntimeException concurrent) {
                if (concurrent instanceof ApiException) {
                    throw concurrent;
                }
                // e.g. a certificate registered the same new person meanwhile (it does not take the person lock): decide again, seeing it
                return tie(accountId, input, check, result.reference());
            }
        } catch (ApiException e) {
            checks.finish(check, "REFUSED", result.reference(), e.kind(), null);
            throw e;
        } catch (RuntimeException e) {
            checks.finish(check, "ERROR", result.reference(), e.getClass().getSimpleName(), null);
            throw e;
        }
    }

    /** MATCH: the account, the party, the sessions, the ledger and the attempt, in one transaction. */
    private VerifiedPerson tie(long accountId, RealNameInput input, long check, String reference) {
        return tx.execute(s -> {
            accounts.lockPerson(input.document()); // two accounts of one new person: the second waits, then finds the party tied
            accounts.requireUnverified(accountId, true);
            PartyView party = parties.register(VerifiedIdentity.person(input.document(), input.name(), input.method().verifiedBy()));
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            accounts.verified(accountId, party, input.method(), at, reference);
            checks.finish(check, "MATCH", reference, null, party.id());
            return person(party.id(), party.name(), party.documentType(), party.identifier(), input.method(), at);
        });
    }

    /** The account's real-name status (APP-06: nothing else until verified). 404 unless the account exists. */
    public RealNameStatus status(long accountId) {
        VerifiedPerson person = readOnly.execute(s -> {
            AccountRealName.Account account = accounts.find(accountId, false)
                    .orElseThrow(() -> ApiException.notFound("account-not-found", "no account " + accountId));
            if (account.partyId() == null || account.verifiedAt() == null) {
                return null;
            }
            return jdbc.sql("select name, document_type, resident_id from party where id = ?").param(account.partyId())
                    .query((rs, n) -> person(account.partyId(), rs.getString("name"),
                            rs.getString("document_type") == null ? null : IdentityDocument.DocumentType.valueOf(rs.getString("document_type")),
                            rs.getString("resident_id"), account.method() == null ? null : RealNameMethod.valueOf(account.method()),
                            account.verifiedAt()))
                    .single();
        });
        return new RealNameStatus(person != null, person, person != null ? 0 : checks.attemptsLeft(accountId), checks.perDay());
    }

    /**
     * APP-06: what an account may do only once real-name verified calls this first.
     *
     * @return the verified person
     * @throws ApiException 403 {@code real-name-required} until the account is verified, 404 unless it exists
     */
    public VerifiedPerson requireVerified(long accountId) {
        RealNameStatus status = status(accountId);
        if (!status.verified()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "real-name-required",
                    "verify your real name first (实名认证): POST /api/t/{tenant}/me/account/real-name");
        }
        return status.person();
    }

    private RealNameResult ask(long check, RealNameInput input) {
        IdentityClaim claim = input.claim();
        try {
            return switch (input.method()) {
                case CFCA -> verifier.verifyIdentity(claim);
                case ALIPAY_FACE -> verifier.verifyFace(claim, input.faceToken());
                case BANK_CARD -> verifier.verifyBankCard(claim, input.cardNumber(), input.cardMobile());
            };
        } catch (RealNameException e) {
            checks.finish(check, e.reason().name(), null, e.code(), null);
            if (e.reason() == RealNameException.Reason.TIMEOUT) {
                throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "real-name-timeout",
                        "the real-name verification service did not answer in time; nothing was changed, please try again");
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "real-name-unavailable",
                    "the real-name verification service " + (e.reason() == RealNameException.Reason.REFUSED ? "refused the request ("
                            + e.code() + ")" : "is not available (" + e.code() + ")") + "; nothing was changed, please try again later");
        } catch (RuntimeException e) {
            checks.finish(check, "ERROR", null, e.getClass().getSimpleName(), null);
            throw e;
        }
    }

    private static VerifiedPerson person(long partyId, String name, IdentityDocument.DocumentType type, String number,
                                         RealNameMethod method, Instant at) {
        return new VerifiedPerson(partyId, name, type, IdentityDocument.mask(number), method, at);
    }
}
