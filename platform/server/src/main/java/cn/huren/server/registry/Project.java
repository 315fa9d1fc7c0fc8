package cn.huren.server.registry;

import cn.huren.server.support.ApiException;
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

/**
 * A project: its record state follows {@link RecordLifecycle}; its stage runs UNDER_CONSTRUCTION
 * → COMPLETED, and back when its track record is voided. Platform-sourced data is read-only.
 */
@Entity
@Table(name = "project")
class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long partyId;

    @Enumerated(EnumType.STRING)
    private ProjectBoard board;

    private boolean onPlatform;
    private String platformCode;
    private String platformData;
    private String data;

    @Enumerated(EnumType.STRING)
    private ProjectStage stage;

    private Long managerPersonnelId;
    private boolean usedAsTrackRecord;
    private boolean everTrackRecord;

    @Embedded
    private RecordLifecycle lifecycle = new RecordLifecycle();

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private int version;

    protected Project() {
    }

    Project(long partyId, ProjectBoard board, boolean onPlatform, String platformCode, String platformData, String data) {
        this.partyId = partyId;
        this.board = board;
        this.onPlatform = onPlatform;
        this.platformCode = platformCode;
        this.platformData = platformData;
        this.data = data;
        this.stage = ProjectStage.UNDER_CONSTRUCTION;
        this.createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void edit(String newData) {
        lifecycle.requireEditable("project");
        data = newData;
        touch();
    }

    /** JS-29 在建项目维护: a submitted project under construction is corrected and stays submitted. */
    void correct(String newData) {
        requireUnderConstruction("corrected");
        if (lifecycle.status() != RecordStatus.SUBMITTED) {
            throw ApiException.conflict("record-state", "only a SUBMITTED project is corrected; edit a DRAFT instead");
        }
        data = newData;
        touch();
    }

    void submit() {
        lifecycle.submit("project");
        touch();
    }

    /** JS-31: only while under construction. */
    void changeManager(long personnelId) {
        requireUnderConstruction("given a new project manager");
        managerPersonnelId = personnelId;
        touch();
    }

    /** JS-36, JS-38: a submitted project under construction is completed and becomes a track record. */
    void complete() {
        requireUnderConstruction("completed");
        if (lifecycle.status() != RecordStatus.SUBMITTED) {
            throw ApiException.conflict("record-state", "only a SUBMITTED project can be completed");
        }
        stage = ProjectStage.COMPLETED;
        usedAsTrackRecord = true;
        everTrackRecord = true;
        touch();
    }

    /** JS-47, JS-48: its track record was voided: editable again, under construction, not a track record. */
    void reopen() {
        stage = ProjectStage.UNDER_CONSTRUCTION;
        usedAsTrackRecord = false;
        lifecycle.reopen();
        touch();
    }

    /** JS-27, JS-28: only the party's own DRAFT projects that never were a track record. */
    void checkDeletable() {
        if (onPlatform) {
            throw ApiException.conflict("project-not-deletable", "an on-platform project cannot be deleted");
        }
        if (everTrackRecord) {
            throw ApiException.conflict("project-not-deletable", "a project that is or was a track record cannot be deleted");
        }
        lifecycle.requireDeletable("project");
    }

    private void requireUnderConstruction(String action) {
        if (stage != ProjectStage.UNDER_CONSTRUCTION) {
            throw ApiException.conflict("project-stage", "a " + stage + " project cannot be " + action
                    + "; only projects under construction can");
        }
    }

    /** the platform's values win; a user value for a field the platform now supplies is dropped. */
    void refreshPlatformData(String newPlatformData) {
        platformData = newPlatformData;
        java.util.Map<String, Object> user = new java.util.LinkedHashMap<>(RecordView.read(data));
        user.keySet().removeAll(RecordView.read(newPlatformData).keySet());
        data = RecordView.write(user);
        touch();
    }

    private void touch() {
        updatedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    ProjectView view() {
        return new ProjectView(id, partyId, board, onPlatform, platformCode, RecordView.read(platformData), RecordView.read(data),
                stage, lifecycle.status(), managerPersonnelId, usedAsTrackRecord, everTrackRecord, createdAt, updatedAt, version);
    }

    Long id() {
        return id;
    }

    long partyId() {
        return partyId;
    }

    ProjectBoard board() {
        return board;
    }

    boolean everTrackRecord() {
        return everTrackRecord;
    }

    ProjectStage stage() {
        return stage;
    }

    RecordStatus status() {
        return lifecycle.status();
    }

    String platformData() {
        return platformData;
    }

    String data() {
        return data;
    }

    int version() {
        return version;
    }
}
