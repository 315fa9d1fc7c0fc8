package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.ClientErrors;
import cn.huren.server.support.TextInput;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records every operator action — who, what, on what, when, from where, and the outcome —
 * including refused and failed ones. Details never carry secret values.
 */
@Component
public class OperationLog {

    public enum Outcome { SUCCESS, REFUSED, FAILED }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OperationLog.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    OperationLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T record(String action, String target, String detail, Supplier<T> work) {
        try {
            T result = work.get();
            try {
                insert(action, target, Outcome.SUCCESS, detail);
            } catch (RuntimeException logFailure) {
                // the change is committed: report it as done rather than invite a retry
                log.error("operation {} on {} succeeded but could not be logged", action, target, logFailure);
            }
            return result;
        } catch (RuntimeException e) {
            // a client error however it surfaced (an ApiException, or input the database refused) is a refusal
            ApiException problem = ClientErrors.of(e).orElse(e instanceof ApiException api ? api : null);
            Outcome outcome = problem != null && problem.status().is4xxClientError() ? Outcome.REFUSED : Outcome.FAILED;
            String why = problem != null ? problem.kind() + ": " + problem.getMessage()
                    + (problem.errors().isEmpty() ? "" : " " + problem.messages()) : e.getClass().getSimpleName();
            try {
                write(action, target, outcome, why);
            } catch (RuntimeException logFailure) {
                e.addSuppressed(logFailure);
                log.error("operation {} on {} was {} but could not be logged", action, TextInput.storable(target, 200), outcome, logFailure);
            }
            throw e;
        }
    }

    public OperationQuery.OperationPage search(OperationQuery q) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        filter(where, params, "operator = ?", q.operator());
        filter(where, params, "action = ?", q.action());
        filter(where, params, "target = ?", q.target());
        filter(where, params, "outcome = ?", q.outcome() == null ? null : q.outcome().name());
        filter(where, params, "at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        filter(where, params, "at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        int size = Math.min(Math.max(q.size(), 1), 500);
        int page = Math.max(q.page(), 0);
        long total = jdbc.sql("select count(*) from platform.operation_log" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<OperationQuery.Operation> items = jdbc.sql("select * from platform.operation_log" + where
                        + " order by at desc, id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> new OperationQuery.Operation(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("operator"), rs.getString("action"), rs.getString("target"),
                        rs.getString("outcome"), rs.getString("detail"), rs.getString("remote_address")))
                .list();
        return new OperationQuery.OperationPage(items, page, size, total);
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }

    /** A refused or failed attempt's entry, in a transaction of its own: the attempt's rolls back, the entry stays. */
    private void write(String action, String target, Outcome outcome, String detail) {
        ownTransaction.executeWithoutResult(status -> insert(action, target, outcome, detail));
    }

    /** Whatever the attempt contained, its entry can be stored: text made storable and cut to the columns' lengths. */
    private void insert(String action, String target, Outcome outcome, String detail) {
        jdbc.sql("""
                insert into platform.operation_log (at, operator, action, target, outcome, detail, remote_address)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), TextInput.storable(operator(), 64), TextInput.storable(action, 64),
                        TextInput.storable(target, 200), outcome.name(), TextInput.storable(detail, 2000),
                        TextInput.storable(remoteAddress(), 64))
                .update();
    }

    private static String operator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
