package cn.huren.server.registry;

import jakarta.persistence.Embedded;
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

/** One registry record of any plain kind; its state follows {@link RecordLifecycle}. */
@Entity
@Table(name = "registry_record")
class RegistryRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long partyId;

    /** The person a sub-record belongs to (JS-71); null for the party's own records. */
    private Long parentId;

    @Enumerated(EnumType.STRING)
    private RecordKind kind;

    @Embedded
    private RecordLifecycle lifecycle = new RecordLifecycle();

    private String data;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private int version;

    protected RegistryRecord() {
    }

    RegistryRecord(long partyId, Long parentId, RecordKind kind, String data) {
        this.partyId = partyId;
        this.parentId = parentId;
        this.kind = kind;
        this.data = data;
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void edit(String newData) {
        lifecycle.requireEditable(kind.code());
        this.data = newData;
        this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void submit() {
        lifecycle.submit(kind.code());
        this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void voidWith(String reason, UUID evidence) {
        lifecycle.voidWith(kind.code(), reason, evidence);
        this.updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    void checkDeletable() {
        lifecycle.requireDeletable(kind.code());
    }

    RecordView view() {
        return new RecordView(id, partyId, parentId, kind, lifecycle.status(), RecordView.read(data), lifecycle.voidReason(),
                lifecycle.voidEvidenceId(), createdAt, updatedAt, lifecycle.submittedAt(), lifecycle.voidedAt(), version);
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

    int version() {
        return version;
    }
}
