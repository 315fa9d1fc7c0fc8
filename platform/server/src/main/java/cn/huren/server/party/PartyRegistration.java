package cn.huren.server.party;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers parties with an identity a login method verified (JS-02, JS-03), and keeps their basic
 * information (JS-07). Runs for the tenant bound to the thread; every change goes to the ledger in
 * the same transaction.
 */
@Service
public class PartyRegistration {

    /** JS-07: the basic information that completes registration. */
    public record BasicInfo(
            @NotEmpty Set<PartyRole> roles,
            @Size(max = 100) String legalRepresentative,
            @NotBlank @Size(max = 300) String address,
            @NotBlank @Size(max = 100) String contactName,
            @NotBlank @Pattern(regexp = "^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$", message = "{validation.phone}") String contactPhone,
            @Size(max = 200) @jakarta.validation.constraints.Email String email) {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final PartyRepository parties;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final ChangeLedger ledger;
    private final InputValidator validator;
    private final TransactionTemplate tx;
    private final ObjectMapper json = cn.huren.server.support.StrictJson.mapper();

    private final Outbox outbox;
    private final PartyReads reads;
    /** For reads through the entity: no flush, no dirty check at commit. */
    private final TransactionTemplate readOnly;

    private final Attachments attachments;

    PartyRegistration(PartyRepository parties, ChangeLedger ledger, InputValidator validator, TransactionTemplate tx, Outbox outbox,
                      PartyReads reads, Attachments attachments, cn.huren.server.tenancy.TenantData data) {
        this.jdbc = data.jdbc();
        this.attachments = attachments;
        this.outbox = outbox;
        this.reads = reads;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.parties = parties;
        this.ledger = ledger;
        this.validator = validator;
        this.tx = tx;
    }

    /** The party with this identity, registered now if it is new (JS-02: registered parties log in instead). */
    public PartyView register(VerifiedIdentity identity) {
        try {
            return tx.execute(s -> find(identity).map(this::view).orElseGet(() -> {
                // one first registration of an identifier at a time: a second (a login, a claim, a bank transfer of the
                // same new enterprise) waits and then finds it, also inside a caller's longer transaction, which the
                // unique index's refusal would abort
                jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || ':party:' || ?))").param(identity.identifier())
                        .query((rs, n) -> 1).single();
                return find(identity).map(this::view).orElseGet(() -> {
                    Party party = parties.saveAndFlush(new Party(identity));
                    PartyView view = view(party);
                    ledger.append("login:" + identity.verifiedBy(), "party", party.id().toString(), "REGISTER", view);
                    changed(view, "REGISTERED");
                    return view;
                });
            }));
        } catch (DataIntegrityViolationException concurrentFirstLogin) {
            return tx.execute(s -> find(identity).map(this::view).orElseThrow(() -> concurrentFirstLogin));
        }
    }

    /**
     * JS-07: maintaining the basic information completes registration; the verified name stays as it is.
     * Refused (412) when the party is no longer at the {@code expected} version: someone else saved meanwhile.
     */
    public PartyView maintainBasicInfo(long partyId, ExpectedVersion expected, BasicInfo info, String actor) {
        validator.check(info);
        return tx.execute(s -> {
            Party party = load(partyId);
            expected.check(party.version(), "the basic information of party " + partyId);
            if (party.kind() == PartyKind.ENTERPRISE && (info.legalRepresentative() == null || info.legalRepresentative().isBlank())) {
                throw ApiException.invalid(java.util.List.of(new ApiException.FieldError("legalRepresentative",
                        "an enterprise names its legal representative")));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("legalRepresentative", info.legalRepresentative());
            fields.put("address", info.address().strip());
            fields.put("contactName", info.contactName().strip());
            fields.put("contactPhone", info.contactPhone());
            fields.put("email", info.email());
            party.completeBasicInfo(info.roles(), write(fields));
            parties.flush();
            PartyView view = view(party);
            ledger.append(actor, "party", party.id().toString(), "UPDATE", view);
            changed(view, "BASIC_INFO_UPDATED");
            return view;
        });
    }

    /**
     * A mobile number and an e-mail address the holder confirmed (a plugin's binding step: the mobile by SMS code) fill the
     * contact phone and e-mail of the basic information where they are empty; what is set is never overwritten.
     */
    public void fillContact(long partyId, String phone, String email, String actor) {
        tx.executeWithoutResult(s -> {
            Party party = load(partyId);
            Map<String, Object> fields = read(party.basicInfo());
            Map<String, Object> added = new LinkedHashMap<>();
            if (empty(fields.get("contactPhone")) && phone != null && !phone.isBlank()) {
                added.put("contactPhone", phone.strip());
            }
            if (empty(fields.get("email")) && email != null && !email.isBlank()) {
                added.put("email", email.strip());
            }
            // a person is their own contact: the basic information's form requires one, so the first save needs no more than what is missing
            if (!added.isEmpty() && party.kind() == PartyKind.NATURAL_PERSON && empty(fields.get("contactName"))) {
                added.put("contactName", party.name());
            }
            if (added.isEmpty()) {
                return;
            }
            fields.putAll(added);
            party.fillContact(write(fields));
            parties.flush();
            ledger.append(actor, "party", party.id().toString(), "PREFILL", added);
            changed(view(party), "CONTACT_PREFILLED");
        });
    }

    private static boolean empty(Object value) {
        return value == null || value.toString().isBlank();
    }

    /**
     * The mobile number an identity provider verified (苏服办) prefills the contact phone of a person
     * whose basic information is not maintained yet; maintained information is never overwritten.
     */
    public void suggestContactPhone(long partyId, String phone, String actor) {
        tx.executeWithoutResult(s -> {
            Party party = load(partyId);
            Map<String, Object> fields = read(party.basicInfo());
            if (party.basicInfoCompletedAt() == null && !phone.equals(fields.get("contactPhone"))) {
                fields.put("contactPhone", phone);
                party.prefillBasicInfo(write(fields));
                parties.flush();
                ledger.append(actor, "party", party.id().toString(), "PREFILL", Map.of("contactPhone", phone));
                changed(view(party), "CONTACT_PHONE_PREFILLED");
            }
        });
    }

    /**
     * APP-63–APP-65: a reviewed enterprise change, in the caller's transaction: the new full name (null: unchanged) and the
     * legal representative (null: unchanged) as the basic information shows it — name, document type, masked document and
     * masked mobile. On the ledger and told to trading systems like every change of a party.
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public PartyView changeEnterprise(long partyId, String newName, Map<String, Object> legalRepresentative, String actor, java.time.Instant at) {
        Party party = load(partyId);
        if (party.kind() != PartyKind.ENTERPRISE) {
            throw ApiException.conflict("party-state", "party " + partyId + " is no enterprise");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        if (newName != null && !newName.equals(party.name())) {
            content.put("from", party.name());
            content.put("name", newName);
            party.rename(newName, at);
        }
        if (legalRepresentative != null) {
            Map<String, Object> fields = read(party.basicInfo());
            fields.putAll(legalRepresentative);
            party.replaceBasicInfo(write(fields), at);
            content.put("legalRepresentative", legalRepresentative);
        }
        parties.flush();
        PartyView view = view(party);
        ledger.append(actor, "party", party.id().toString(), "ENTERPRISE_CHANGE", content);
        changed(view, "ENTERPRISE_CHANGED");
        return view;
    }

    /**
     * APP-67: the enterprise is dissolved, in the caller's transaction: its basic information, registration documents and
     * files are erased and the party is marked dissolved. The row stays (its USCC and name, for the ledger, orders and
     * the review history that name it); a later claim of the USCC starts afresh on it.
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int dissolve(long partyId, String actor, java.time.Instant at) {
        Party party = load(partyId);
        if (party.kind() != PartyKind.ENTERPRISE) {
            throw ApiException.conflict("party-state", "party " + partyId + " is no enterprise");
        }
        party.dissolve(at);
        parties.flush();
        int files = attachments.eraseOf(partyId);
        PartyView view = view(party);
        ledger.append(actor, "party", party.id().toString(), "DISSOLVE", Map.of("filesDeleted", files));
        changed(view, "DISSOLVED");
        return files;
    }

    /**
     * APP-67: whether the enterprise was ever dissolved ({@code dissolved_at} keeps the last dissolution; a later claim starts
     * afresh on the emptied party and needs not clear it).
     */
    public boolean dissolved(long partyId) {
        return readOnly.execute(s -> load(partyId).dissolvedAt() != null);
    }

    /** trading systems learn of a new or changed party; they read it through v1. */
    private void changed(PartyView view, String change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("kind", view.kind());
        data.put(view.kind() == PartyKind.ENTERPRISE ? "uscc" : "residentId", view.identifier());
        data.put("name", view.name());
        data.put("version", view.version());
        outbox.publishForParty(EventTypes.PARTY_CHANGED, view.id(), data);
    }

    /** The trading-system API's lookup: plain SQL, read-only (see {@link PartyReads}). */
    public Optional<PartyView> findByUscc(String uscc) {
        return reads.byUscc(Uscc.parse(uscc).value());
    }

    public Optional<PartyView> findByResidentId(String residentId) {
        return reads.byResidentId(ResidentId.parse(residentId).value());
    }

    public PartyView require(long partyId) {
        return readOnly.execute(s -> view(load(partyId)));
    }

    /** 404 unless the party exists; joins the caller's transaction, if any (one read-only statement). */
    public void requireExists(long partyId) {
        if (!reads.exists(partyId)) {
            throw notFound(partyId);
        }
    }

    /** JS-07: until its basic information is maintained, a party can maintain nothing else. */
    public PartyView requireRegistered(long partyId) {
        PartyView party = require(partyId);
        if (!party.basicInfoComplete()) {
            throw ApiException.conflict("registration-incomplete",
                    "complete the party's basic information first; until then only that page is usable");
        }
        return party;
    }

    private Optional<Party> find(VerifiedIdentity identity) {
        return identity.kind() == PartyKind.ENTERPRISE ? parties.findByUscc(identity.identifier())
                : parties.findByResidentId(identity.identifier());
    }

    private Party load(long partyId) {
        return parties.findById(partyId).orElseThrow(() -> notFound(partyId));
    }

    private static ApiException notFound(long partyId) {
        return ApiException.notFound("party-not-found", "no party " + partyId);
    }

    private PartyView view(Party p) {
        return new PartyView(p.id(), p.kind(), p.identifier(), p.documentType(), p.name(), p.roles(), read(p.basicInfo()),
                p.basicInfoCompletedAt() != null, p.registeredVia(), p.createdAt(), p.version());
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, Object> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
