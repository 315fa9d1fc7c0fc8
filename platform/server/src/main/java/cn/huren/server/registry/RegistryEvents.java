package cn.huren.server.registry;

import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.Outbox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the registry tells trading systems (X-03, JS-45, JS-46), published in the transaction of
 * the change. Events are thin: they say what changed and its state; details are read through v1.
 */
@Component
class RegistryEvents {

    private final Outbox outbox;

    RegistryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Submitted and voided records; creating and editing drafts concerns no trading system. */
    void recordChanged(RecordView r, String action) {
        String type = switch (action) {
            case "SUBMIT" -> EventTypes.RECORD_SUBMITTED;
            case "VOID" -> EventTypes.RECORD_VOIDED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recordId", r.id());
        data.put("kind", r.kind().code());
        data.put("personId", r.parentId());
        data.put("status", r.status());
        data.put("version", r.version());
        data.put("voidReason", r.voidReason());
        outbox.publishForParty(type, r.partyId(), data);
    }

    void trackRecord(String type, TrackRecordView t) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trackRecordId", t.id());
        data.put("projectId", t.projectId());
        data.put("projectName", t.project() == null ? null : t.project().get("name"));
        data.put("board", t.board());
        data.put("status", t.status());
        data.put("usableInBidding", t.usableInBidding());
        data.put("useCount", t.useCount());
        data.put("voidReason", t.voidReason());
        outbox.publishForParty(type, t.partyId(), data);
    }
}
