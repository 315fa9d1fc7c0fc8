package cn.huren.server.registry;

import cn.huren.server.ledger.ChangeLedger;
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
 * The record lifecycle for every kind, written once: create (as DRAFT, optionally submitting at
 * once), edit, submit, void, delete — each checked against the state, each appended to the ledger
 * in the same transaction, so a refused action changes nothing and leaves no entry. A change names the
 * version its client read ({@link ExpectedVersion}); a record changed since is refused (412), and a
 * change racing another fails its versioned write rather than overwrite it.
 */
@Service
public class RegistryRecords {

    private final RegistryRecordRepository records;
    private final PartyRegistration parties;
    private final Attachments attachments;
    private final ChangeLedger ledger;
    private final RegistryEvents events;
    private final TransactionTemplate tx;
    private final RecordReads reads;
    /** For reads: no flush, no dirty check at commit; inside a caller's transaction it joins it. */
    private final TransactionTemplate readOnly;

    RegistryRecords(RegistryRecordRepository records, PartyRegistration parties, Attachments attachments,
                    ChangeLedger ledger, RegistryEvents events, TransactionTemplate tx, RecordReads reads) {
        this.reads = reads;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.events = events;
        this.records = records;
        this.parties = parties;
        this.attachments = attachments;
        this.ledger = ledger;
        this.tx = tx;
    }

    /** X-01 (unspecified how a record stays DRAFT): saving keeps a draft; {@code submit} also submits it. */
    public RecordView create(long partyId, RecordKind kind, Map<String, Object> data, boolean submit, String actor) {
        if (kind.ofPerson()) {
            throw ApiException.badRequest("person-required", "a " + kind.code() + " belongs to a person: create it under one");
        }
        return create(partyId, null, kind, data, submit, actor);
    }

    /** JS-71: a person's education, certificates, awards, work history or track records, once the person is submitted. */
    public RecordView createForPerson(long partyId, long personId, RecordKind kind, Map<String, Object> data, boolean submit,
                                      String actor) {
        if (!kind.ofPerson()) {
            throw ApiException.badRequest("not-a-person-record", "a " + kind.code() + " belongs to the party, not to a person");
        }
        return create(partyId, personId, kind, data, submit, actor);
    }

    /** How many of the party's own records each kind has in each status, in one query (overview and registry index). */
    public Map<RecordKind, Map<RecordStatus, Long>> counts(long partyId) {
        Map<RecordKind, Map<RecordStatus, Long>> counts = new java.util.EnumMap<>(RecordKind.class);
        readOnly.execute(s -> records.countByKindAndStatus(partyId)).forEach(row -> counts
                .computeIfAbsent((RecordKind) row[0], k -> new java.util.EnumMap<>(RecordStatus.class))
                .put((RecordStatus) row[1], (Long) row[2]));
        return counts;
    }

    public List<RecordView> listForPerson(long partyId, long personId, RecordKind kind) {
        return readOnly.execute(s -> records.findByPartyIdAndParentIdAndKindOrderByIdDesc(partyId, personId, kind).stream()
                .map(RegistryRecord::view).toList());
    }

    private RecordView create(long partyId, Long personId, RecordKind kind, Map<String, Object> data, boolean submit, String actor) {
        Map<String, Object> clean = validate(kind, data, submit);
        parties.requireRegistered(partyId);
        return tx.execute(s -> {
            if (personId != null) {
                RegistryRecord person = load(partyId, personId);
                if (person.kind() != RecordKind.PERSONNEL || person.view().status() != RecordStatus.SUBMITTED) {
                    throw ApiException.conflict("person-not-submitted",
                            "a person's details are kept only under a SUBMITTED personnel record (JS-71)");
                }
            }
            RegistryRecord record = records.saveAndFlush(new RegistryRecord(partyId, personId, kind, RecordView.write(clean)));
            log(actor, record, "CREATE");
            if (submit) {
                record.submit();
                records.flush();
                log(actor, record, "SUBMIT");
            }
            return record.view();
        });
    }

    public RecordView update(long partyId, long id, ExpectedVersion expected, Map<String, Object> data, String actor) {
        return change(partyId, id, expected, actor, "UPDATE", r -> r.edit(RecordView.write(validate(r.kind(), data, false))));
    }

    public RecordView submit(long partyId, long id, ExpectedVersion expected, String actor) {
        return change(partyId, id, expected, actor, "SUBMIT", r -> {
            validate(r.kind(), RecordView.read(r.data()), true);
            r.submit();
        });
    }

    /** a reason always; an evidence attachment of this party where the kind asks for one. */
    public RecordView voidRecord(long partyId, long id, ExpectedVersion expected, String reason, UUID evidence, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "a void needs a reason", "void-reason"));
        } else if (reason.length() > 1000) {
            errors.add(new FieldError("reason", "at most 1000 characters"));
        }
        return change(partyId, id, expected, actor, "VOID", r -> {
            if (r.kind().voidNeedsEvidence() && evidence == null) {
                errors.add(new FieldError("evidence", "voiding a " + r.kind().code() + " needs an evidence attachment", "void-evidence"));
            }
            if (evidence != null && attachments.find(partyId, evidence).isEmpty()) {
                errors.add(new FieldError("evidence", "no such attachment of this party"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            r.voidWith(reason.strip(), evidence);
        });
    }

    /** Only DRAFT records can be deleted; SUBMITTED and VOIDED ones stay. */
    public void delete(long partyId, long id, ExpectedVersion expected, String actor) {
        tx.executeWithoutResult(s -> {
            RegistryRecord record = load(partyId, id, expected);
            record.checkDeletable();
            log(actor, record, "DELETE");
            records.delete(record);
        });
    }

    /** The record if this party has it; absent rather than an error, for use inside other transactions. */
    public java.util.Optional<RecordView> find(long partyId, long id) {
        return readOnly.execute(s -> records.findByIdAndPartyId(id, partyId).map(RegistryRecord::view));
    }

    /** The record, when it is of this kind: a path naming another kind finds nothing. */
    public RecordView get(long partyId, long id, RecordKind kind) {
        RecordView record = get(partyId, id);
        if (record.kind() != kind) {
            throw ApiException.notFound("record-not-found", "no " + kind.code() + " " + id);
        }
        return record;
    }

    public RecordView get(long partyId, long id) {
        return readOnly.execute(s -> load(partyId, id).view());
    }

    public List<RecordView> list(long partyId, RecordKind kind) {
        return readOnly.execute(s -> records.findByPartyIdAndKindOrderByIdDesc(partyId, kind).stream().map(RegistryRecord::view).toList());
    }

    /** What a trading system may use in bidding: SUBMITTED records only; 404 for an unknown party. */
    public List<RecordView> usableInBidding(long partyId, RecordKind kind) {
        return reads.ofParty(partyId, kind, RecordStatus.SUBMITTED);
    }

    /** The record's change history, each entry with its evidence stamp. */
    public List<ChangeLedger.Entry> history(long partyId, long id) {
        RecordView record = get(partyId, id);
        return ledger.history(record.kind().code(), Long.toString(id));
    }

    private RecordView change(long partyId, long id, ExpectedVersion expected, String actor, String action,
                              java.util.function.Consumer<RegistryRecord> mutation) {
        return tx.execute(s -> {
            RegistryRecord record = load(partyId, id, expected);
            RecordView before = record.view();
            mutation.accept(record);
            records.flush();
            RecordView after = record.view();
            // a save that changes nothing (the same form sent again) is not a change to record
            if (!after.data().equals(before.data()) || after.status() != before.status()) {
                log(actor, record, action);
            }
            return after;
        });
    }

    private RegistryRecord load(long partyId, long id) {
        return records.findByIdAndPartyId(id, partyId)
                .orElseThrow(() -> ApiException.notFound("record-not-found", "no record " + id + " of this party"));
    }

    /** Loads the record to change, refusing it (412) when it is no longer at the version the client read. */
    private RegistryRecord load(long partyId, long id, ExpectedVersion expected) {
        RegistryRecord record = load(partyId, id);
        expected.check(record.version(), record.kind().code() + " " + id);
        return record;
    }

    private void log(String actor, RegistryRecord record, String action) {
        RecordView view = record.view();
        ledger.append(actor, record.kind().code(), record.id().toString(), action, view);
        events.recordChanged(view, action);
    }

    /** Normalised data in the kind's field order; unknown fields and bad values refused; required ones on submit. */
    static Map<String, Object> validate(RecordKind kind, Map<String, Object> data, boolean forSubmit) {
        return validate(kind.code(), kind.fields(), data, forSubmit);
    }

    static Map<String, Object> validate(String what, List<FieldSpec> fields, Map<String, Object> data, boolean forSubmit) {
        Map<String, Object> input = data == null ? Map.of() : data;
        List<FieldError> errors = new ArrayList<>();
        input.keySet().stream().filter(k -> fields.stream().noneMatch(f -> f.name().equals(k)))
                .forEach(k -> errors.add(new FieldError("data." + k, "not a field of " + what, "unknown-field")));
        Map<String, Object> clean = new LinkedHashMap<>();
        for (FieldSpec field : fields) {
            Object raw = input.get(field.name());
            if (raw == null || raw instanceof String text && text.isBlank()) { // any other type is checked, never rendered
                if (forSubmit && field.required()) {
                    errors.add(new FieldError("data." + field.name(), "required to submit", "required"));
                }
                continue;
            }
            String[] problem = new String[2];
            Object value = field.normalise(raw, problem);
            if (problem[0] != null) {
                errors.add(new FieldError("data." + field.name(), problem[0], problem[1]));
            } else {
                clean.put(field.name(), value);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return clean;
    }
}
