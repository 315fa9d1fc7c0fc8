package cn.huren.server.realname;

import cn.huren.server.support.AttemptLimit;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenant's log of real-name attempts ({@code real_name_check}): one row per call to the provider, masked (document
 * masked, card by its last 4 digits, no name), written before the call and finished after it. The attempt limit per
 * account and rolling 24 hours is counted from these rows ({@link AttemptLimit}).
 */
@Component
class RealNameChecks {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AttemptLimit limit;

    RealNameChecks(TenantData data, PlatformTransactionManager transactions, Clock clock,
                   @Value("${huren.real-name.attempts-per-day:5}") int perDay) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.limit = new AttemptLimit(jdbc, tx, clock, "real_name_check", perDay, "real-name-rate-limited", "real-name attempts");
    }

    int perDay() {
        return limit.perDay();
    }

    /** Counts the attempt against the limit and logs it as PENDING; 429 (nothing logged) when the limit is reached. */
    long reserve(long accountId, RealNameInput input) {
        return limit.reserve(accountId, now -> jdbc.sql("insert into real_name_check (account_id, method, outcome, document_type, "
                        + "masked_document, masked_card, at) values (?, ?, 'PENDING', ?, ?, ?, ?) returning id")
                .params(accountId, input.method().name(), input.document().type().name(), input.document().masked(),
                        input.maskedCard(), Timestamp.from(now))
                .query(Long.class).single());
    }

    /** The attempt's outcome; joins the caller's transaction when there is one (the MATCH case). */
    void finish(long checkId, String outcome, String reference, String code, Long partyId) {
        tx.executeWithoutResult(s -> jdbc.sql("update real_name_check set outcome = ?, provider_reference = ?, provider_code = ?, "
                        + "party_id = ?, finished_at = ? where id = ?")
                .params(outcome, reference, code == null ? null : code.length() > 100 ? code.substring(0, 100) : code, partyId,
                        Timestamp.from(clock.instant()), checkId)
                .update());
    }

    int attemptsLeft(long accountId) {
        return limit.attemptsLeft(accountId);
    }
}
