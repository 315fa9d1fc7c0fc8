package cn.huren.plugin.api;

import java.util.List;

/**
 * The types of the events the core publishes ({@link CoreEvent#type()}), as trading systems see them
 * in the event body and subscribe to them. A plugin compares with these instead of string literals.
 */
public final class CoreEventTypes {

    /** A party registered or changed, or one of its certificates disabled or re-enabled: {@link CoreEventData.PartyChange}. */
    public static final String PARTY_CHANGED = "party.changed";
    /** A registry record submitted: {@link CoreEventData.RecordChange}. */
    public static final String RECORD_SUBMITTED = "record.submitted";
    /** A registry record voided: {@link CoreEventData.RecordChange}. */
    public static final String RECORD_VOIDED = "record.voided";
    /** A track record created: {@link CoreEventData.TrackRecordChange}. */
    public static final String TRACK_RECORD_CREATED = "track-record.created";
    /** A track record voided: {@link CoreEventData.TrackRecordChange}. */
    public static final String TRACK_RECORD_VOIDED = "track-record.voided";
    /** JS-46: a trading system reported a use; the data carries the new use count ({@link CoreEventData.TrackRecordChange}). */
    public static final String TRACK_RECORD_USED = "track-record.used";
    /** A certificate revoked by its CA or voided by its party: {@link CoreEventData.CertificateRevocation}. */
    public static final String CERTIFICATE_REVOKED = "certificate.revoked";
    /** Published by delegation (a later feature); subscribable now so that clients need not change. */
    public static final String DELEGATION_CHANGED = "delegation.changed";

    /** Every core type, in the order the console lists them. */
    public static final List<String> ALL = List.of(PARTY_CHANGED, RECORD_SUBMITTED, RECORD_VOIDED, TRACK_RECORD_CREATED,
            TRACK_RECORD_VOIDED, TRACK_RECORD_USED, CERTIFICATE_REVOKED, DELEGATION_CHANGED);

    private CoreEventTypes() {
    }
}
