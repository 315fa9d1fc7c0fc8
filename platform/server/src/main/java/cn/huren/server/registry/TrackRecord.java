package cn.huren.server.registry;

import cn.huren.server.support.ApiException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** 业绩: made only by completing a project (JS-39), with the project as it was then. Never deleted. */
@Entity
@Table(name = "track_record")
class TrackRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long partyId;
    private long projectId;

    @Enumerated(EnumType.STRING)
    private ProjectBoard board;

    @Enumerated(EnumType.STRING)
    private TrackRecordStatus status;

    private String projectSnapshot;
    private String contract;
    private String completionDocuments;
    /** Only the use statement changes it: a stale entity never writes it back. */
    @jakarta.persistence.Column(updatable = false)
    private long useCount;
    private String voidReason;
    private UUID voidEvidenceId;
    private Instant createdAt;
    private Instant voidedAt;

    @Version
    private int version;

    protected TrackRecord() {
    }

    TrackRecord(Project project, String projectSnapshot, String contract, String completionDocuments) {
        this.partyId = project.partyId();
        this.projectId = project.id();
        this.board = project.board();
        this.status = TrackRecordStatus.NORMAL;
        this.projectSnapshot = projectSnapshot;
        this.contract = contract;
        this.completionDocuments = completionDocuments;
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** JS-43: only NORMAL, with reason and evidence. */
    void voidWith(String reason, UUID evidence) {
        if (status != TrackRecordStatus.NORMAL) {
            throw ApiException.conflict("record-state", "a " + status + " track record cannot be voided");
        }
        status = TrackRecordStatus.VOIDED;
        voidReason = reason;
        voidEvidenceId = evidence;
        voidedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    TrackRecordView view() {
        return new TrackRecordView(id, partyId, projectId, board, status, RecordView.read(projectSnapshot),
                RecordView.read(contract), completionDocuments, useCount, voidReason, voidEvidenceId, createdAt, voidedAt);
    }

    Long id() {
        return id;
    }

    long partyId() {
        return partyId;
    }

    long projectId() {
        return projectId;
    }

    TrackRecordStatus status() {
        return status;
    }

    String contract() {
        return contract;
    }

    String completionDocuments() {
        return completionDocuments;
    }
}
