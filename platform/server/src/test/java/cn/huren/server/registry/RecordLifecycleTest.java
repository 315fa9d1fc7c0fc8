package cn.huren.server.registry;

import static cn.huren.server.party.ExpectedVersion.ANY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** X-01 for every record kind: one suite, parameterised by kind. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordLifecycleTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes();

    @LocalServerPort
    int port;

    @Autowired
    RegistryRecords records;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Attachments attachments;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    TenantDirectory tenants;

    TenantDescriptor tenant;
    long party;
    long person;

    @BeforeAll
    void tenantWithParty() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("reg1", "jiangsu"));
        tenant = tenants.byCode("reg1").orElseThrow();
        party = cn.huren.server.party.RegisteredParties.enterprise(parties, tenant, "91350100M000100Y43", "福建示例有限公司");
        person = as(() -> records.create(party, RecordKind.PERSONNEL, complete(RecordKind.PERSONNEL), true, "p").id());
    }

    RecordView create(RecordKind kind, Map<String, Object> data, boolean submit) {
        return kind.ofPerson() ? as(() -> records.createForPerson(party, person, kind, data, submit, "p"))
                : as(() -> records.create(party, kind, data, submit, "p"));
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    static Map<String, Object> complete(RecordKind kind) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (FieldSpec f : kind.fields()) {
            data.put(f.name(), switch (f.type()) {
                case TEXT -> "示例" + f.name();
                case DATE -> "2024-06-30";
                case MONEY -> "1000.50";
                case SIGNED_MONEY -> "-20.00";
                case YEAR -> 2023;
                case COUNT -> 5;
                case ACCOUNT_NUMBER -> "6222 0202 0011 2233 445";
                case CHOICE -> f.options().get(0);
                case RESIDENT_ID -> "11010519491231002X";
            });
        }
        return data;
    }

    long entries() {
        return as(ledger::verify).entriesChecked();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RecordKind.class)
    @DisplayName("X-01, JS-21, JS-50–JS-52, JS-54, JS-55, JS-57, JS-58, JS-60, JS-61, JS-63, JS-65, JS-67, JS-69: DRAFT is edited and submitted; SUBMITTED is usable and cannot be edited or deleted")
    void draftThenSubmit(RecordKind kind) {
        RecordView draft = create(kind, Map.of(), false);
        assertThat(draft.status()).isEqualTo(RecordStatus.DRAFT);
        assertThat(draft.usableInBidding()).isFalse();

        long before = entries();
        assertThatThrownBy(() -> as(() -> records.submit(party, draft.id(), ANY, "party:" + party)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("validation"));
        assertThat(entries()).as("a refused submit leaves no ledger entry").isEqualTo(before);

        as(() -> records.update(party, draft.id(), ANY, complete(kind), "party:" + party));
        RecordView submitted = as(() -> records.submit(party, draft.id(), ANY, "party:" + party));

        assertThat(submitted.status()).isEqualTo(RecordStatus.SUBMITTED);
        assertThat(as(() -> records.usableInBidding(party, kind))).extracting(RecordView::id).contains(draft.id());
        assertThatThrownBy(() -> as(() -> records.update(party, draft.id(), ANY, complete(kind), "x")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));
        assertThatThrownBy(() -> as(() -> { records.delete(party, draft.id(), ANY, "x"); return null; }))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));
        assertThat(as(() -> records.get(party, draft.id())).status()).isEqualTo(RecordStatus.SUBMITTED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RecordKind.class)
    @DisplayName("X-01, JS-22, JS-53, JS-56, JS-59, JS-62, JS-64, JS-66, JS-68, JS-70: only SUBMITTED is voided, with a reason and (except bank accounts) evidence; VOIDED is kept forever")
    void voiding(RecordKind kind) {
        RecordView draft = create(kind, complete(kind), false);
        assertThatThrownBy(() -> as(() -> records.voidRecord(party, draft.id(), ANY, "too early", evidence(), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));

        RecordView submitted = as(() -> records.submit(party, draft.id(), ANY, "p"));
        long before = entries();
        assertThatThrownBy(() -> as(() -> records.voidRecord(party, submitted.id(), ANY, " ", evidence(), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field).contains("reason"));
        if (kind.voidNeedsEvidence()) {
            assertThatThrownBy(() -> as(() -> records.voidRecord(party, submitted.id(), ANY, "no longer valid", null, "p")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field).contains("evidence"));
        }
        assertThatThrownBy(() -> as(() -> records.voidRecord(party, submitted.id(), ANY, "someone else's file", UUID.randomUUID(), "p")))
                .isInstanceOf(ApiException.class);
        assertThat(entries()).as("refused voids leave no ledger entry").isEqualTo(before);

        UUID proof = kind.voidNeedsEvidence() ? evidence() : null;
        RecordView voided = as(() -> records.voidRecord(party, submitted.id(), ANY, "资质已过期", proof, "p"));

        assertThat(voided.status()).isEqualTo(RecordStatus.VOIDED);
        assertThat(voided.voidReason()).isEqualTo("资质已过期");
        assertThat(voided.usableInBidding()).isFalse();
        assertThat(as(() -> records.usableInBidding(party, kind))).extracting(RecordView::id).doesNotContain(voided.id());
        for (Runnable refused : new Runnable[] {
                () -> as(() -> { records.delete(party, voided.id(), ANY, "p"); return null; }),
                () -> as(() -> records.update(party, voided.id(), ANY, complete(kind), "p")),
                () -> as(() -> records.submit(party, voided.id(), ANY, "p")),
                () -> as(() -> records.voidRecord(party, voided.id(), ANY, "again", evidence(), "p"))}) {
            assertThatThrownBy(refused::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));
        }
        assertThat(as(() -> records.history(party, voided.id()))).extracting(ChangeLedger.Entry::action)
                .containsExactly("CREATE", "SUBMIT", "VOID");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RecordKind.class)
    @DisplayName("X-01, JS-52: a DRAFT can be deleted; the deletion stays in the record's history")
    void deleteDraft(RecordKind kind) {
        RecordView draft = create(kind, Map.of(), false);

        as(() -> { records.delete(party, draft.id(), ANY, "p"); return null; });

        assertThatThrownBy(() -> as(() -> records.get(party, draft.id())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(as(() -> ledger.history(kind.code(), Long.toString(draft.id())))).extracting(ChangeLedger.Entry::action)
                .containsExactly("CREATE", "DELETE");
    }

    @Test
    @DisplayName("bad field values and unknown fields are refused naming each field; nothing is saved")
    void fieldValidation() {
        Map<String, Object> bad = new LinkedHashMap<>(complete(RecordKind.BANK_ACCOUNT));
        bad.put("accountNumber", "12ab");
        bad.put("colour", "blue");
        int before = as(() -> records.list(party, RecordKind.BANK_ACCOUNT)).size();

        assertThatThrownBy(() -> as(() -> records.create(party, RecordKind.BANK_ACCOUNT, bad, true, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field)
                        .containsExactlyInAnyOrder("data.accountNumber", "data.colour"));
        assertThat(as(() -> records.list(party, RecordKind.BANK_ACCOUNT))).hasSize(before);
        assertThatThrownBy(() -> as(() -> records.create(party, RecordKind.FINANCIAL_STATEMENT,
                Map.of("year", 2023, "revenue", "12.345"), false, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field)
                        .containsExactly("data.revenue"));
    }

    @Test
    @DisplayName("JS-71, JS-72: a person's details are kept only under a SUBMITTED person of the same party")
    void personnelSubRecords() {
        long draftPerson = as(() -> records.create(party, RecordKind.PERSONNEL, complete(RecordKind.PERSONNEL), false, "p").id());

        assertThatThrownBy(() -> as(() -> records.createForPerson(party, draftPerson, RecordKind.PERSON_EDUCATION,
                complete(RecordKind.PERSON_EDUCATION), true, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("person-not-submitted"));
        assertThatThrownBy(() -> as(() -> records.create(party, RecordKind.PERSON_AWARD, complete(RecordKind.PERSON_AWARD), true, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("person-required"));
        long award = as(() -> records.create(party, RecordKind.AWARD, complete(RecordKind.AWARD), true, "p").id());
        assertThatThrownBy(() -> as(() -> records.createForPerson(party, award, RecordKind.PERSON_AWARD,
                complete(RecordKind.PERSON_AWARD), true, "p")))
                .as("only under a personnel record").isInstanceOf(ApiException.class);

        RecordView education = as(() -> records.createForPerson(party, person, RecordKind.PERSON_EDUCATION,
                complete(RecordKind.PERSON_EDUCATION), true, "p"));

        assertThat(education.parentId()).isEqualTo(person);
        assertThat(as(() -> records.listForPerson(party, person, RecordKind.PERSON_EDUCATION))).extracting(RecordView::id)
                .contains(education.id());
    }

    @Test
    @DisplayName("JS-07: a party whose basic information is not maintained yet cannot maintain records")
    void registrationMustBeComplete() {
        long fresh = as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, "440524199001010018", "陈六", "ukey")).id());

        assertThatThrownBy(() -> as(() -> records.create(fresh, RecordKind.AWARD, Map.of(), false, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("registration-incomplete"));
    }

    @Test
    @DisplayName("a record of one tenant does not exist for another tenant, even with the same ids")
    void tenantIsolation() {
        RecordView mine = as(() -> records.create(party, RecordKind.AWARD, complete(RecordKind.AWARD), true, "p"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("reg2", "jiangsu"));
        TenantDescriptor other = tenants.byCode("reg2").orElseThrow();

        assertThatThrownBy(() -> TenantContext.callAs(other, () -> records.get(party, mine.id())))
                .isInstanceOf(ApiException.class);
        assertThat(TenantContext.callAs(other, () -> records.list(party, RecordKind.AWARD))).isEmpty();
    }

    UUID evidence() {
        return as(() -> attachments.store(party, "证明材料.pdf", PDF).id());
    }
}
