package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
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

    private final JdbcClient jdbc;

    OperationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public <T> T record(String action, String target, String detail, Supplier<T> work) {
        try {
            T result = work.get();
            write(action, target, Outcome.SUCCESS, detail);
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
