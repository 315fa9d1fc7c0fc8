package cn.huren.server.registry;

import cn.huren.server.support.ApiException;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.UUID;

/**
 * The record lifecycle every registry record and project shares, written once: only DRAFT
 * is edited, submitted or deleted; only SUBMITTED is voided, keeping reason and evidence; VOIDED
 * stays forever.
 */
@Embeddable
class RecordLifecycle {

    @Enumerated(EnumType.STRING)
    private RecordStatus status = RecordStatus.DRAFT;

    private Instant submittedAt;
    private Instant voidedAt;
    private String voidReason;
    private UUID voidEvidenceId;

    void requireEditable(String what) {
        require(RecordStatus.Action.EDIT, what, "edited");
    }

    void submit(String what) {
        require(RecordStatus.Action.SUBMIT, what, "submitted");
        status = RecordStatus.SUBMITTED;
        submittedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void voidWith(String what, String reason, UUID evidence) {
        require(RecordStatus.Action.VOID, what, "voided");
        status = RecordStatus.VOIDED;
        voidReason = reason;
        voidEvidenceId = evidence;
        voidedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void requireDeletable(String what) {
        require(RecordStatus.Action.DELETE, what, "deleted");
    }

    /** Back to DRAFT for corrections, as when a project's track record is voided (JS-47). */
    void reopen() {
        status = RecordStatus.DRAFT;
    }

    private void require(RecordStatus.Action action, String what, String done) {
        if (!status.allows(action)) {
            throw ApiException.conflict("record-state", "a " + status + " " + what + " cannot be " + done
                    + "; only " + RecordStatus.allowing(action) + " ones can");
        }
    }

    RecordStatus status() {
        return status;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    Instant voidedAt() {
        return voidedAt;
    }

    String voidReason() {
        return voidReason;
    }

    UUID voidEvidenceId() {
        return voidEvidenceId;
    }
}
