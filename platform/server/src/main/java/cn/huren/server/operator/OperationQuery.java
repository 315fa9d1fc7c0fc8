package cn.huren.server.operator;

import java.time.Instant;
import java.util.List;

/** A filter over the operation log; null fields do not filter. */
public record OperationQuery(String operator, String action, String target, OperationLog.Outcome outcome,
                             Instant from, Instant to, int page, int size) {

    /** One entry of the operation log. */
    public record Operation(long id, Instant at, String operator, String action, String target, String outcome,
                            String detail, String remoteAddress) {
    }

    /** A page of entries, newest first. */
    public record OperationPage(List<Operation> items, int page, int size, long total) {
    }
}
