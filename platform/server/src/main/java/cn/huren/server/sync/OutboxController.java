package cn.huren.server.sync;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators watch a tenant's outbox and replay its dead letters: /api/platform/tenants/{code}/outbox. */
@RestController
class OutboxController {

    private final OutboxAdmin outbox;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    OutboxController(OutboxAdmin outbox, TenantDirectory tenants, OperationLog operations) {
        this.outbox = outbox;
        this.tenants = tenants;
        this.operations = operations;
    }

    @GetMapping("/api/platform/tenants/{code}/outbox")
    OutboxAdmin.Summary summary(@PathVariable String code) {
        return tenants.callAs(code, outbox::summary);
    }

    @GetMapping("/api/platform/tenants/{code}/outbox/dead-letters")
    List<OutboxAdmin.DeadLetter> deadLetters(@PathVariable String code, @RequestParam(defaultValue = "100") int limit) {
        return tenants.callAs(code, () -> outbox.deadLetters(limit));
    }

    @PostMapping("/api/platform/tenants/{code}/outbox/dead-letters/replay")
    Map<String, Integer> replayAll(@PathVariable String code) {
        return operations.record("outbox.replay", code, "all dead letters", () -> Map.of("replayed", tenants.callAs(code, () -> outbox.replay(null))));
    }

    @PostMapping("/api/platform/tenants/{code}/outbox/dead-letters/{id}/replay")
    Map<String, Integer> replay(@PathVariable String code, @PathVariable long id) {
        return operations.record("outbox.replay", code, "delivery=" + id, () -> {
            int replayed = tenants.callAs(code, () -> outbox.replay(id));
            if (replayed == 0) {
                throw ApiException.notFound("dead-letter-not-found", "no dead letter " + id + " in the outbox of " + code);
            }
            return Map.of("replayed", replayed);
        });
    }

}
