package cn.huren.plugin.api;

import java.util.Map;

/**
 * A core change as the outbox publishes it to trading systems: {@code type} (e.g.
 * {@code track-record.voided}, {@code record.voided}, {@code certificate.revoked}), {@code orderingKey}
 * (the party's id for a party's events) and {@code data} as in the event body. {@code party} is the
 * party the event concerns, or null for an event of no party.
 */
public record CoreEvent(String type, String orderingKey, Map<String, Object> data, Party party) {

    public CoreEvent {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** Who a party is: {@code kind} {@code ENTERPRISE} (with {@code uscc}) or {@code NATURAL_PERSON} (with {@code residentId}). */
    public record Party(long id, String kind, String uscc, String residentId, String name) {
    }
}
