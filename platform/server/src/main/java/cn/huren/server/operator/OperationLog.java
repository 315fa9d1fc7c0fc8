package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
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

    OperationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public <T> T record(String action, String target, String detail, Supplier<T> work) {
        try {
            T result = work.get();
            try {
                write(action, target, Outcome.SUCCESS, detail);
            } catch (RuntimeException logFailure) {
                // the change is committed: report it as done rather than invite a retry
                log.error("operation {} on {} succeeded but could not be logged", action, target, logFailure);
            }
            return result;
        } catch (ApiException e) {
            Outcome outcome = e.status().is4xxClientError() ? Outcome.REFUSED : Outcome.FAILED;
            write(action, target, outcome, e.kind() + ": " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            write(action, target, Outcome.FAILED, e.getClass().getSimpleName());
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

    private void write(String action, String target, Outcome outcome, String detail) {
        jdbc.sql("""
                insert into platform.operation_log (at, operator, action, target, outcome, detail, remote_address)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(Instant.now()), operator(), action, target == null ? null : truncate(target, 200), outcome.name(),
                        detail == null ? null : truncate(detail, 2000), remoteAddress())
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

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
