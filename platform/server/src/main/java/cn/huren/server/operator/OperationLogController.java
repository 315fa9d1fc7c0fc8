package cn.huren.server.operator;

import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/platform/operations: the operation log, newest first, filtered and paged. */
@RestController
class OperationLogController {

    private final OperationLog log;

    OperationLogController(OperationLog log) {
        this.log = log;
    }

    @GetMapping("/api/platform/operations")
    OperationQuery.OperationPage operations(@RequestParam(required = false) String operator,
                                            @RequestParam(required = false) String action,
                                            @RequestParam(required = false) String target,
                                            @RequestParam(required = false) OperationLog.Outcome outcome,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                            @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "50") int size) {
        return log.search(new OperationQuery(operator, action, target, outcome, from, to, page, size));
    }
}
