package cn.huren.server.registry;

import static cn.huren.server.registry.FieldSpec.Type.DATE;
import static cn.huren.server.registry.FieldSpec.Type.MONEY;
import static cn.huren.server.registry.FieldSpec.Type.TEXT;
import static cn.huren.server.registry.FieldSpec.optional;
import static cn.huren.server.registry.FieldSpec.required;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects and track records (JS-23–JS-49, X-02): on-platform projects imported from a trading
 * system with read-only platform fields, off-platform ones entered by the party; correction and
 * manager change while under construction; completion into a track record; voiding a track record
 * re-opens its project, and resubmitting it makes a new track record. Every change is on the ledger.
 * A party's change names the version its client read, as {@link RegistryRecords} does.
 */
@Service
public class Projects {

    /** The fields a party enters; on-platform projects take any of them the platform supplies, read-only. */
    static final List<FieldSpec> PROJECT_FIELDS = List.of(required("name", TEXT), required("owner", TEXT),
            optional("location", TEXT), optional("contractAmount", MONEY), optional("startDate", DATE),
            optional("plannedCompletion", DATE), optional("scale", TEXT));
    /** JS-37: completion needs the contract information. */
    static final List<FieldSpec> CONTRACT_FIELDS = List.of(required("contractNumber", TEXT), required("contractAmount", MONEY),
            required("signedOn", DATE), required("completedOn", DATE));

    /** The fields of a project a party may enter, for forms. */
    public static List<FieldSpec> projectFields() {
        return PROJECT_FIELDS;
    }

    /** The contract fields completion asks for (JS-37), for forms. */
    public static List<FieldSpec> contractFields() {
        return CONTRACT_FIELDS;
    }

    private final ProjectRepository projects;
    private final TrackRecordRepository trackRecords;
    private final RegistryRecords records;
    private final PartyRegistration parties;
    private final Attachments attachments;
    private final ChangeLedger ledger;
    private final RegistryEvents events;
    private final TransactionTemplate tx;
    /** For reads: no flush, no dirty check at commit; inside a caller's transaction it joins it. */
    private final TransactionTemplate readOnly;

    Projects(ProjectRepository projects, TrackRecordRepository trackRecords, RegistryRecords records,
             PartyRegistration parties, Attachments attachments, ChangeLedger ledger, RegistryEvents events,
             TransactionTemplate tx) {
        this.events = events;
        this.projects = projects;
        this.trackRecords = trackRecords;
        this.records = records;
        this.parties = parties;
        this.attachments = attachments;
        this.ledger = ledger;
        this.tx = tx;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /**
     * JS-24: a trading system's project appears as DRAFT; a later push of the same code refreshes its platform fields.
     * The pushed data is checked against the same field specifications as a party's own entry ({@link #PROJECT_FIELDS}):
     * the same values are refused with the same field errors, and a refused push stores nothing.
     */
    public ProjectView importOnPlatform(long partyId, ProjectBoard board, String platformCode, Map<String, Object> platformData,
                                       String actor) {
        if (platformCode == null || platformCode.isBlank() || platformData == null || platformData.isEmpty()) {
            throw ApiException.badRequest("platform-project", "an on-platform project needs its platform code and data");
        }
        Map<String, Object> clean = RegistryRecords.validate("project", PROJECT_FIELDS, platformData, false);
        if (clean.isEmpty()) {
            throw ApiException.badRequest("platform-project", "an on-platform project needs its platform code and data");
        }
        parties.require(partyId);
        return tx.execute(s -> projects.findByPartyIdAndPlatformCode(partyId, platformCode).map(p -> {
            p.refreshPlatformData(RecordView.write(clean));
            projects.flush();
            log(actor, p, "PLATFORM_UPDATE");
            return p.view();
        }).orElseGet(() -> {
            Project p = projects.saveAndFlush(new Project(partyId, board, true, platformCode, RecordView.write(clean), "{}"));
            log(actor, p, "IMPORT");
            return p.view();
        }));
    }

    /** JS-26: the party enters an off-platform project; saved as DRAFT, or submitted at once. */
    public ProjectView createOffPlatform(long partyId, ProjectBoard board, Map<String, Object> data, boolean submit, String actor) {
        Map<String, Object> clean = RegistryRecords.validate("project", PROJECT_FIELDS, data, submit);
        parties.requireRegistered(partyId);
        return tx.execute(s -> {
            Project p = projects.saveAndFlush(new Project(partyId, board, false, null, "{}", RecordView.write(clean)));
            log(actor, p, "CREATE");
            if (submit) {
                p.submit();
                projects.flush();
                log(actor, p, "SUBMIT");
            }
            return p.view();
        });
    }

    public ProjectView edit(long partyId, long projectId, ExpectedVersion expected, Map<String, Object> data, String actor) {
        return change(partyId, projectId, expected, actor, "UPDATE", p -> p.edit(userData(p, data, false)));
    }

    /** Submitting a project re-opened by a voided track record makes a new track record (JS-49). */
    public ProjectView submit(long partyId, long projectId, ExpectedVersion expected, String actor) {
        return change(partyId, projectId, expected, actor, "SUBMIT", p -> {
            userData(p, RecordView.read(p.data()), true);
            p.submit();
            if (p.everTrackRecord()) {
                TrackRecord previous = trackRecords.findFirstByProjectIdOrderByIdDesc(p.id()).orElseThrow();
                p.complete();
                projects.flush();
                newTrackRecord(actor, p, previous.contract(), previous.completionDocuments());
            }
        });
    }

    /** JS-29 在建项目维护: correct a submitted project under construction; every correction is recorded. */
    public ProjectView correct(long partyId, long projectId, ExpectedVersion expected, Map<String, Object> data, String actor) {
        return change(partyId, projectId, expected, actor, "CORRECT", p -> p.correct(userData(p, data, true)));
    }

    /** JS-31–JS-35: a new manager from the party's submitted personnel, with evidence, only under construction. */
    public ProjectView changeManager(long partyId, long projectId, ExpectedVersion expected, long personnelRecordId, UUID evidence,
                                     String actor) {
        return tx.execute(s -> {
            Project p = load(partyId, projectId, expected);
            RecordView person = records.find(partyId, personnelRecordId).filter(r -> r.kind() == RecordKind.PERSONNEL).orElse(null);
            List<FieldError> errors = new ArrayList<>();
            if (person == null || person.status() != RecordStatus.SUBMITTED || !"IN_SERVICE".equals(person.data().get("employment"))) {
                errors.add(new FieldError("manager", "pick the manager from this party's submitted personnel in service", "manager"));
            }
            Attachments.AttachmentView proof = evidence == null ? null : attachments.find(partyId, evidence).orElse(null);
            if (proof == null) {
                errors.add(new FieldError("evidence", "a manager change needs supporting evidence (证明材料) of this party", "evidence"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            Long previous = p.view().managerPersonnelId();
            p.changeManager(personnelRecordId);
            projects.flush();
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("project", p.view());
            change.put("previousManager", previous);
            change.put("newManager", Map.of("personnelId", personnelRecordId, "name", person.data().get("name")));
            change.put("evidence", Map.of("id", proof.id().toString(), "sha256", proof.sha256(), "fileName", proof.fileName()));
            ledger.append(actor, "project", p.id().toString(), "MANAGER_CHANGE", change);
            return p.view();
        });
    }

    /** JS-36–JS-38: completion with contract information and completion documents makes a track record. */
    public TrackRecordView complete(long partyId, long projectId, ExpectedVersion expected, Map<String, Object> contract,
                                    List<UUID> completionDocuments, String actor) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> cleanContract = null;
        try {
            cleanContract = RegistryRecords.validate("contract", CONTRACT_FIELDS, contract, true);
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (completionDocuments == null || completionDocuments.isEmpty()) {
            errors.add(new FieldError("completionDocuments", "completion needs the completion documents", "completion-documents"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors); // every missing piece at once, not one per try
        }
        Map<String, Object> contractData = cleanContract;
        List<Map<String, Object>> documents = new ArrayList<>();
        for (UUID id : completionDocuments) {
            Attachments.AttachmentView doc = attachments.find(partyId, id).orElseThrow(() -> ApiException.invalid(
                    List.of(new FieldError("completionDocuments", "no attachment " + id + " of this party"))));
            documents.add(Map.of("id", doc.id().toString(), "sha256", doc.sha256(), "fileName", doc.fileName()));
        }
        return tx.execute(s -> {
            Project p = load(partyId, projectId, expected);
            p.complete();
            projects.flush();
            log(actor, p, "COMPLETE");
            return newTrackRecord(actor, p, RecordView.write(contractData), writeList(documents));
        });
    }

    /** JS-27, JS-28. */
    public void delete(long partyId, long projectId, ExpectedVersion expected, String actor) {
        tx.executeWithoutResult(s -> {
            Project p = load(partyId, projectId, expected);
            p.checkDeletable();
            log(actor, p, "DELETE");
            projects.delete(p);
        });
    }

    /** JS-43, JS-44, JS-47, JS-48: void with reason and evidence; the project re-opens for correction. */
    public TrackRecordView voidTrackRecord(long partyId, long trackRecordId, String reason, UUID evidence, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "a void needs a reason", "void-reason"));
        } else if (reason.length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        if (evidence == null || attachments.find(partyId, evidence).isEmpty()) {
            errors.add(new FieldError("evidence", "voiding a track record needs an evidence attachment of this party", "evidence"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return tx.execute(s -> {
            TrackRecord t = trackRecords.lockById(trackRecordId).filter(r -> r.partyId() == partyId)
                    .orElseThrow(() -> ApiException.notFound("track-record-not-found", "no track record " + trackRecordId));
            t.voidWith(reason.strip(), evidence);
            Project p = projects.findById(t.projectId()).orElseThrow();
            p.reopen();
            trackRecords.flush();
            ledger.append(actor, "track-record", t.id().toString(), "VOID", t.view());
            events.trackRecord(EventTypes.TRACK_RECORD_VOIDED, t.view());
            log(actor, p, "REOPEN");
            return t.view();
        });
    }

    /** JS-46: a trading system reports a use; counted once per use id; only NORMAL track records (JS-42). */
    public TrackRecordView reportUse(long trackRecordId, String useId, String reporter) {
        if (useId == null || useId.isBlank() || useId.length() > 128) {
            throw ApiException.badRequest("use-id", "a use needs an id of 1 to 128 characters");
        }
        return tx.execute(s -> {
            TrackRecord t = trackRecords.lockById(trackRecordId)
                    .orElseThrow(() -> ApiException.notFound("track-record-not-found", "no track record " + trackRecordId));
            if (t.status() != TrackRecordStatus.NORMAL) {
                throw ApiException.conflict("track-record-voided", "a voided track record cannot be used in bidding");
            }
            long before = t.view().useCount();
            trackRecords.recordUse(trackRecordId, useId, reporter);
            TrackRecordView after = trackRecords.findById(trackRecordId).orElseThrow().view();
            if (after.useCount() > before) {
                ledger.append(reporter, "track-record", Long.toString(trackRecordId), "USE", Map.of("useId", useId, "count", after.useCount()));
                events.trackRecord(EventTypes.TRACK_RECORD_USED, after);
            }
            return after;
        });
    }

    public ProjectView get(long partyId, long projectId) {
        return readOnly.execute(s -> load(partyId, projectId).view());
    }

    public List<ProjectView> list(long partyId, ProjectBoard board) {
        return readOnly.execute(s -> projects.findByPartyIdAndBoardOrderByIdDesc(partyId, board).stream().map(Project::view).toList());
    }

    /** JS-20: how many projects the party has, on every board. */
    public long projectCount(long partyId) {
        return readOnly.execute(s -> projects.countByPartyId(partyId));
    }

    /** JS-20: how many of its track records are usable in bidding (NORMAL, JS-42). */
    public long usableTrackRecordCount(long partyId) {
        return readOnly.execute(s -> trackRecords.countByPartyIdAndStatus(partyId, TrackRecordStatus.NORMAL));
    }

    public List<TrackRecordView> trackRecords(long partyId, ProjectBoard board) {
        return readOnly.execute(s -> trackRecords.findByPartyIdAndBoardOrderByIdDesc(partyId, board).stream().map(TrackRecord::view).toList());
    }

    public List<ChangeLedger.Entry> history(long partyId, long projectId) {
        get(partyId, projectId);
        return ledger.history("project", Long.toString(projectId));
    }

    private TrackRecordView newTrackRecord(String actor, Project p, String contract, String documents) {
        Map<String, Object> snapshot = new LinkedHashMap<>(RecordView.read(p.data()));
        snapshot.putAll(RecordView.read(p.platformData()));
        TrackRecord t = trackRecords.saveAndFlush(new TrackRecord(p, RecordView.write(snapshot), contract, documents));
        ledger.append(actor, "track-record", t.id().toString(), "CREATE", t.view());
        events.trackRecord(EventTypes.TRACK_RECORD_CREATED, t.view());
        return t.view();
    }

    /** X-10, JS-47: platform-sourced fields are read-only; required fields may come from either side. */
    private static String userData(Project p, Map<String, Object> data, boolean complete) {
        Map<String, Object> platform = RecordView.read(p.platformData());
        Map<String, Object> input = data == null ? Map.of() : data;
        List<FieldError> readOnly = input.keySet().stream().filter(platform::containsKey)
                .map(k -> new FieldError("data." + k, "sourced from the trading platform: read-only")).toList();
        if (!readOnly.isEmpty()) {
            throw ApiException.invalid(readOnly);
        }
        List<FieldSpec> fields = PROJECT_FIELDS.stream()
                .map(f -> platform.containsKey(f.name()) ? new FieldSpec(f.name(), f.type(), false, f.options()) : f).toList();
        return RecordView.write(RegistryRecords.validate("project", fields, input, complete));
    }

    private ProjectView change(long partyId, long projectId, ExpectedVersion expected, String actor, String action,
                               java.util.function.Consumer<Project> mutation) {
        return tx.execute(s -> {
            Project p = load(partyId, projectId, expected);
            mutation.accept(p);
            projects.flush();
            log(actor, p, action);
            return p.view();
        });
    }

    private Project load(long partyId, long projectId) {
        return projects.findByIdAndPartyId(projectId, partyId)
                .orElseThrow(() -> ApiException.notFound("project-not-found", "no project " + projectId + " of this party"));
    }

    /** Loads the project to change, refusing it (412) when it is no longer at the version the client read. */
    private Project load(long partyId, long projectId, ExpectedVersion expected) {
        Project p = load(partyId, projectId);
        expected.check(p.version(), "project " + projectId);
        return p;
    }

    private void log(String actor, Project p, String action) {
        ledger.append(actor, "project", p.id().toString(), action, p.view());
    }

    private static String writeList(List<Map<String, Object>> list) {
        try {
            return RecordView.JSON.writeValueAsString(list);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
