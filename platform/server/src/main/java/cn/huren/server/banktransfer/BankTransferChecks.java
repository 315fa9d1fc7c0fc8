package cn.huren.server.banktransfer;

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
 * The log of confirmation attempts ({@code bank_transfer_check}): one row per query to the bank, written before the
 * query and finished after it. The limit per account and rolling 24 hours is counted from these rows
 * ({@link AttemptLimit}); every query counts, whatever its outcome.
 */
@Component
class BankTransferChecks {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AttemptLimit limit;

    BankTransferChecks(TenantData data, PlatformTransactionManager transactions, Clock clock,
                       @Value("${huren.bank-transfer.attempts-per-day:10}") int perDay) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.limit = new AttemptLimit(jdbc, tx, clock, "bank_transfer_check", perDay, "bank-transfer-rate-limited", "confirmations");
    }

    int perDay() {
        return limit.perDay();
    }

    /** Counts the attempt against the limit (429, nothing logged, at the limit) and logs it as PENDING. */
    long reserve(long accountId, long verificationId) {
        return limit.reserve(accountId, now -> {
            jdbc.sql("update bank_transfer_verification set attempts = attempts + 1 where id = ?").param(verificationId).update();
            return jdbc.sql("insert into bank_transfer_check (verification_id, account_id, outcome, at) values (?, ?, 'PENDING', ?) returning id")
                    .params(verificationId, accountId, Timestamp.from(now)).query(Long.class).single();
        });
    }

    /** The attempt's outcome; joins the caller's transaction when there is one (the confirmation). */
    void finish(long checkId, String outcome, String bankReference, String code) {
        tx.executeWithoutResult(s -> jdbc.sql("update bank_transfer_check set outcome = ?, bank_reference = ?, code = ?, finished_at = ? where id = ?")
                .params(outcome, bankReference, code == null ? null : code.length() > 100 ? code.substring(0, 100) : code,
                        Timestamp.from(clock.instant()), checkId)
                .update());
    }

    int attemptsLeft(long accountId) {
        return limit.attemptsLeft(accountId);
    }
}
