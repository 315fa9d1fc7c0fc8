package cn.huren.server.banktransfer;

import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log of confirmation attempts ({@code bank_transfer_check}): one row per query to the bank, written before the
 * query and finished after it. The limit per account and rolling 24 hours is counted from these rows under an advisory
 * lock per account, so it holds across nodes and concurrent requests; every query counts, whatever its outcome.
 */
@Component
class BankTransferChecks {

    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int perDay;

    BankTransferChecks(TenantData data, PlatformTransactionManager transactions, Clock clock,
                       @Value("${huren.bank-transfer.attempts-per-day:10}") int perDay) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.perDay = perDay;
    }

    int perDay() {
        return perDay;
    }

    /** Counts the attempt against the limit (429, nothing logged, at the limit) and logs it as PENDING. */
    long reserve(long accountId, long verificationId) {
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':bank_transfer_check:' || ?))").param(accountId)
                    .query((rs, n) -> 1).list();
            Instant now = clock.instant();
            List<Instant> recent = recent(accountId, now);
            if (recent.size() >= perDay) {
                throw new TooManyRequests("bank-transfer-rate-limited", "at most " + perDay
                        + " confirmations per account in 24 hours; try again later", Duration.between(now, recent.get(0).plus(WINDOW)));
            }
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
        return Math.max(0, perDay - tx.execute(s -> recent(accountId, clock.instant())).size());
    }

    private List<Instant> recent(long accountId, Instant now) {
        return jdbc.sql("select at from bank_transfer_check where account_id = ? and at > ? order by at")
                .params(accountId, Timestamp.from(now.minus(WINDOW)))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }
}
