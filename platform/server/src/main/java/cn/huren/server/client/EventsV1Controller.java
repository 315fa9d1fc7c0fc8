package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.sync.OutboxAdmin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client reads back an event sent to its webhook, e.g. to check a delivery it is unsure of.
 * Only its own deliveries in its own tenant exist for it: anything else is 404.
 */
@RestController
@Tag(name = "Trading systems v1")
class EventsV1Controller {

    private final OutboxAdmin outbox;

    EventsV1Controller(OutboxAdmin outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/t/{tenant}/v1/events/{eventId}")
    @RequiresScope(Scope.EVENTS_READ)
    @Operation(summary = "An event sent (or being sent) to this client's webhook: its body exactly as signed, and the delivery status")
    OutboxAdmin.ClientDelivery event(@AuthenticationPrincipal ClientPrincipal client, @PathVariable String eventId) {
        return outbox.forClient(client.clientId(), eventId)
                .orElseThrow(() -> ApiException.notFound("event-not-found", "no event " + eventId + " for this client"));
    }
}
