package cn.huren.server.registry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A track record (JS-41: project, contract and completion documents) with its reported use count (JS-46). */
public record TrackRecordView(long id, long partyId, long projectId, ProjectBoard board, TrackRecordStatus status,
                              Map<String, Object> project, Map<String, Object> contract, String completionDocuments,
                              long useCount, String voidReason, UUID voidEvidenceId, Instant createdAt, Instant voidedAt) {

    /** JS-42: only NORMAL track records can be used in bidding. */
    public boolean usableInBidding() {
        return status == TrackRecordStatus.NORMAL;
    }
}
