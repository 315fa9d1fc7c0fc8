package cn.huren.server.operator;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/platform/operations: the operation log, newest first, filtered and paged. */
@RestController
class OperationLogController {

    record Operation(long id, Instant at, String operator, String action, String target, String outcome,
                     String detail, String remoteAddress) {
    }

    record OperationPage(List<Operation> items, int page, int size, long total) {
    }

    private final JdbcClient jdbc;

    OperationLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/platform/operations")
    OperationPage operations(@RequestParam(required = false) String operator,
                             @RequestParam(required = false) String action,
                             @RequestParam(required = false) String target,
                             @RequestParam(required = false) OperationLog.Outcome outcome,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        filter(where, params, "operator = ?", operator);
        filter(where, params, "action = ?", action);
        filter(where, params, "target = ?", target);
        filter(where, params, "outcome = ?", outcome == null ? null : outcome.name());
        filter(where, params, "at >= ?", from == null ? null : Timestamp.from(from));
        filter(where, params, "at < ?", to == null ? null : Timestamp.from(to));
        int pageSize = Math.min(Math.max(size, 1), 500);
        int pageNo = Math.max(page, 0);
        long total = jdbc.sql("select count(*) from platform.operation_log" + where).params(params)
                .query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) pageNo * pageSize);
        List<Operation> items = jdbc.sql("select * from platform.operation_log" + where
                        + " order by at desc, id desc limit ? offset ?")
                .params(pageParams)
                .query((rs, n) -> new Operation(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("operator"), rs.getString("action"), rs.getString("target"),
                        rs.getString("outcome"), rs.getString("detail"), rs.getString("remote_address")))
                .list();
        return new OperationPage(items, pageNo, pageSize, total);
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }
}
