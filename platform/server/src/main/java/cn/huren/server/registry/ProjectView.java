package cn.huren.server.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A project: {@code platformData} comes from the trading platform and is read-only; {@code data} is the party's.
 *
 * @param version bumped by every change; its ETag is what a change's If-Match names
 */
public record ProjectView(long id, long partyId, ProjectBoard board, boolean onPlatform, String platformCode,
                          Map<String, Object> platformData, Map<String, Object> data, ProjectStage stage, RecordStatus status,
                          Long managerPersonnelId, boolean usedAsTrackRecord, boolean everTrackRecord, Instant createdAt,
                          Instant updatedAt, int version) {

    /** For pages: the actions Project allows now (Project enforces them; these only choose the buttons). */
    public boolean isEditable() {
        return status.isEditable();
    }

    public boolean isUnderConstructionAndSubmitted() {
        return stage == ProjectStage.UNDER_CONSTRUCTION && status == RecordStatus.SUBMITTED;
    }

    public boolean isDeletable() {
        return !onPlatform && !everTrackRecord && status.isDeletable();
    }

    /** JS-25: usable in bidding only when SUBMITTED. */
    public boolean usableInBidding() {
        return status == RecordStatus.SUBMITTED;
    }
}
