package cn.huren.plugin.api;

/**
 * Host service: a trading system reports that it used a track record in a bidding (JS-46). The
 * request being handled must be a signed request of an API client of the tenant holding the
 * {@code track-records:use} scope; otherwise the host answers 401 or 403 and counts nothing.
 */
public interface TrackRecordUses {

    /** The track record after the report; a use id already reported changes nothing. */
    TrackRecordUse report(long trackRecordId, String useId);

    /** A track record's state as a reporting system sees it. */
    record TrackRecordUse(long trackRecordId, String status, long useCount) {
    }
}
