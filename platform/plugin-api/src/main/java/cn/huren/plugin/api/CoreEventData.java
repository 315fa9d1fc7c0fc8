package cn.huren.plugin.api;

import java.util.Map;

/**
 * Typed views of core events' {@link CoreEvent#data() data}, read with {@link CoreEvent#trackRecord()},
 * {@link CoreEvent#registryRecord()}, {@link CoreEvent#certificateRevocation()} and
 * {@link CoreEvent#partyChange()}. Each component is the key of the same name in the event body
 * trading systems receive; a key the event does not carry reads as null (numbers are boxed for that):
 * a listener gets what the core sent, never an exception in the core's transaction for a missing key.
 */
public final class CoreEventData {

    private CoreEventData() {
    }

    /**
     * {@code track-record.*}: a track record's state after the change.
     *
     * @param board  the project's trading board (e.g. {@code CONSTRUCTION})
     * @param status {@code NORMAL} or {@code VOIDED}
     */
    public record TrackRecordChange(Long trackRecordId, Long projectId, String projectName, String board, String status,
                                    boolean usableInBidding, Long useCount, String voidReason) {

        static TrackRecordChange of(Map<String, Object> d) {
            return new TrackRecordChange(optionalNumber(d, "trackRecordId"), optionalNumber(d, "projectId"), text(d, "projectName"),
                    text(d, "board"), text(d, "status"), Boolean.TRUE.equals(d.get("usableInBidding")), optionalNumber(d, "useCount"),
                    text(d, "voidReason"));
        }
    }

    /**
     * {@code record.*}: a registry record submitted or voided.
     *
     * @param kind     the record kind's code, e.g. {@code qualification} or {@code person-qualification}
     * @param personId the person (a personnel record) the record belongs to, or null for the party's own
     */
    public record RecordChange(Long recordId, String kind, Long personId, String status, Long version, String voidReason) {

        static RecordChange of(Map<String, Object> d) {
            return new RecordChange(optionalNumber(d, "recordId"), text(d, "kind"), optionalNumber(d, "personId"), text(d, "status"),
                    optionalNumber(d, "version"), text(d, "voidReason"));
        }
    }

    /**
     * {@code certificate.revoked}: a certificate that no longer acts for its party, final.
     *
     * @param status {@code REVOKED} (by its CA) or {@code VOIDED} (by its party)
     * @param cause  e.g. {@code CA_REVOKED}, {@code BINDING_VOIDED}
     */
    public record CertificateRevocation(String serial, String issuer, String status, String cause, String reason) {

        static CertificateRevocation of(Map<String, Object> d) {
            return new CertificateRevocation(text(d, "serial"), text(d, "issuer"), text(d, "status"), text(d, "cause"),
                    text(d, "reason"));
        }
    }

    /**
     * {@code party.changed}: either the party itself changed ({@code kind}, {@code uscc} or {@code residentId},
     * {@code name}, {@code version}) or one of its certificates was disabled or re-enabled ({@code serial},
     * {@code issuer}, {@code status}); {@code change} says which change it was.
     */
    public record PartyChange(String change, String kind, String uscc, String residentId, String name, Long version,
                              String serial, String issuer, String status) {

        static PartyChange of(Map<String, Object> d) {
            return new PartyChange(text(d, "change"), text(d, "kind"), text(d, "uscc"), text(d, "residentId"), text(d, "name"),
                    optionalNumber(d, "version"), text(d, "serial"), text(d, "issuer"), text(d, "status"));
        }
    }

    private static String text(Map<String, Object> d, String key) {
        Object v = d.get(key);
        return v == null ? null : v.toString();
    }

    private static Long optionalNumber(Map<String, Object> d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : null;
    }
}
