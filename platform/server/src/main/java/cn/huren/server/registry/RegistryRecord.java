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

/**
 * One registry record of any kind, and the lifecycle every kind shares: only DRAFT is
 * edited, submitted or deleted; only SUBMITTED is voided; VOIDED stays as it is, forever.
 */
@Entity
@Table(name = "registry_record")
class RegistryRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long partyId;

    @Enumerated(EnumType.STRING)
    private RecordKind kind;

    @Enumerated(EnumType.STRING)
    private RecordStatus status;

    private String data;
    private String voidReason;
    private UUID voidEvidenceId;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant submittedAt;
    private Instant voidedAt;

    @Version
    private int version;

    protected RegistryRecord() {
    }

    RegistryRecord(long partyId, RecordKind kind, String data) {
        this.partyId = partyId;
        this.kind = kind;
        this.data = data;
        this.status = RecordStatus.DRAFT;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void edit(String newData) {
        require(RecordStatus.DRAFT, "edited");
        this.data = newData;
        this.updatedAt = Instant.now();
    }

    void submit() {
        require(RecordStatus.DRAFT, "submitted");
        this.status = RecordStatus.SUBMITTED;
        this.submittedAt = Instant.now();
        this.updatedAt = submittedAt;
    }

    void voidWith(String reason, UUID evidence) {
        require(RecordStatus.SUBMITTED, "voided");
        this.status = RecordStatus.VOIDED;
        this.voidReason = reason;
        this.voidEvidenceId = evidence;
        this.voidedAt = Instant.now();
        this.updatedAt = voidedAt;
    }

    void checkDeletable() {
        require(RecordStatus.DRAFT, "deleted");
    }

    private void require(RecordStatus needed, String action) {
        if (status != needed) {
            throw ApiException.conflict("record-state", "a " + status + " " + kind.code() + " cannot be " + action
                    + "; only " + needed + " records can");
        }
    }

    RecordView view() {
        return new RecordView(id, partyId, kind, status, RecordView.read(data), voidReason, voidEvidenceId, createdAt,
                updatedAt, submittedAt, voidedAt);
    }

    Long id() {
        return id;
    }

    long partyId() {
        return partyId;
    }

    RecordKind kind() {
        return kind;
    }

    String data() {
        return data;
    }
}
