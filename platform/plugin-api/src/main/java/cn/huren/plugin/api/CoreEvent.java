package cn.huren.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * A core change as the outbox publishes it to trading systems: {@code type} (one of
 * {@link CoreEventTypes}), {@code orderingKey} (the party's id for a party's events) and {@code data}
 * as in the event body, as JSON values. {@code party} is the party the event concerns, or null for an
 * event of no party. Read the data typed with {@link #trackRecord()}, {@link #registryRecord()},
 * {@link #certificateRevocation()} or {@link #partyChange()}.
 */
public record CoreEvent(String type, String orderingKey, Map<String, Object> data, Party party) {

    public CoreEvent {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** Who a party is: {@code kind} {@code ENTERPRISE} (with {@code uscc}) or {@code NATURAL_PERSON} (with {@code residentId}). */
    public record Party(long id, String kind, String uscc, String residentId, String name) {
    }

    /** The track record of a {@code track-record.*} event; empty for other types. */
    public Optional<CoreEventData.TrackRecordChange> trackRecord() {
        return is(CoreEventTypes.TRACK_RECORD_CREATED, CoreEventTypes.TRACK_RECORD_VOIDED, CoreEventTypes.TRACK_RECORD_USED)
                ? Optional.of(CoreEventData.TrackRecordChange.of(data)) : Optional.empty();
    }

    /** The registry record of a {@code record.*} event; empty for other types. */
    public Optional<CoreEventData.RecordChange> registryRecord() {
        return is(CoreEventTypes.RECORD_SUBMITTED, CoreEventTypes.RECORD_VOIDED)
                ? Optional.of(CoreEventData.RecordChange.of(data)) : Optional.empty();
    }

    /** The certificate of a {@code certificate.revoked} event; empty for other types. */
    public Optional<CoreEventData.CertificateRevocation> certificateRevocation() {
        return is(CoreEventTypes.CERTIFICATE_REVOKED) ? Optional.of(CoreEventData.CertificateRevocation.of(data)) : Optional.empty();
    }

    /** The change of a {@code party.changed} event; empty for other types. */
    public Optional<CoreEventData.PartyChange> partyChange() {
        return is(CoreEventTypes.PARTY_CHANGED) ? Optional.of(CoreEventData.PartyChange.of(data)) : Optional.empty();
    }

    /** Whether this event is of one of the types. */
    public boolean is(String... types) {
        for (String t : types) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
