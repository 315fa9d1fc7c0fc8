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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectLifecycleTest {

    static final Map<String, Object> CONTRACT = Map.of("contractNumber", "HT-2023-001", "contractAmount", "8800000.00",
            "signedOn", "2023-03-01", "completedOn", "2024-05-30");

    @LocalServerPort
    int port;

    @Autowired
    Projects projects;

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
    long manager;

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("prj1", "jiangsu"));
        tenant = tenants.byCode("prj1").orElseThrow();
        party = cn.huren.server.party.RegisteredParties.enterprise(parties, tenant, "91350100M000100Y43", "示例建设公司");
        manager = as(() -> records.create(party, RecordKind.PERSONNEL, Map.of("name", "赵工", "residentId", "11010519491231002X",
                "employment", "IN_SERVICE"), true, "p").id());
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    UUID pdf() {
        return as(() -> attachments.store(party, "doc.pdf", RecordLifecycleTest.PDF).id());
    }

    ProjectView submittedOffPlatform() {
        return as(() -> projects.createOffPlatform(party, ProjectBoard.ENTERPRISE,
                Map.of("name", "示例大桥", "owner", "某市交通局", "contractAmount", "1000000"), true, "p"));
    }

    @Test
    @DisplayName("JS-23, JS-25, JS-26, JS-27: an off-platform project (on its board) is entered by the party; a DRAFT can be deleted, a SUBMITTED one cannot")
    void offPlatform() {
        ProjectView draft = as(() -> projects.createOffPlatform(party, ProjectBoard.WATER, Map.of("name", "水库"), false, "p"));
        as(() -> { projects.delete(party, draft.id(), ANY, "p"); return null; });
        ProjectView submitted = submittedOffPlatform();

        assertThat(submitted.status()).isEqualTo(RecordStatus.SUBMITTED);
        assertThat(submitted.usableInBidding()).isTrue();
        assertThatThrownBy(() -> as(() -> { projects.delete(party, submitted.id(), ANY, "p"); return null; }))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));
    }

    @Test
    @DisplayName("JS-24, JS-27, X-10: an on-platform project arrives as DRAFT; its platform fields are read-only; it cannot be deleted; a re-push refreshes it")
    void onPlatform() {
        ProjectView imported = as(() -> projects.importOnPlatform(party, ProjectBoard.TRANSPORT, "JSGC-2023-0042",
                Map.of("name", "沪宁高速扩建", "owner", "江苏交通控股"), "trading-system"));

        assertThat(imported.status()).isEqualTo(RecordStatus.DRAFT);
        assertThatThrownBy(() -> as(() -> projects.edit(party, imported.id(), ANY, Map.of("name", "改名"), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("data.name"));
        as(() -> projects.edit(party, imported.id(), ANY, Map.of("location", "苏州"), "p"));
        assertThat(as(() -> projects.submit(party, imported.id(), ANY, "p")).status()).isEqualTo(RecordStatus.SUBMITTED);
        assertThatThrownBy(() -> as(() -> { projects.delete(party, imported.id(), ANY, "p"); return null; }))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("project-not-deletable"));

        ProjectView again = as(() -> projects.importOnPlatform(party, ProjectBoard.TRANSPORT, "JSGC-2023-0042",
                Map.of("name", "沪宁高速扩建工程", "owner", "江苏交通控股"), "trading-system"));
        assertThat(again.id()).isEqualTo(imported.id());
        assertThat(again.platformData()).containsEntry("name", "沪宁高速扩建工程");
        assertThat(again.data()).containsEntry("location", "苏州");
    }

    @Test
    @DisplayName("JS-29, JS-31, JS-33–JS-35: under construction a project is corrected and its manager changed (personnel only, with evidence); each change has an evidence stamp")
    void correctionAndManagerChange() {
        ProjectView p = submittedOffPlatform();

        ProjectView corrected = as(() -> projects.correct(party, p.id(), ANY, Map.of("name", "示例大桥", "owner", "某市交通局", "scale", "双向六车道"), "p"));
        assertThat(corrected.status()).isEqualTo(RecordStatus.SUBMITTED);
        assertThat(corrected.data()).containsEntry("scale", "双向六车道");

        long notPersonnel = as(() -> records.create(party, RecordKind.AWARD, Map.of("name", "鲁班奖", "issuer", "协会", "awardedOn", "2020-01-01"), true, "p").id());
        assertThatThrownBy(() -> as(() -> projects.changeManager(party, p.id(), ANY, notPersonnel, pdf(), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("manager"));
        assertThatThrownBy(() -> as(() -> projects.changeManager(party, p.id(), ANY, manager, null, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("evidence"));
        long departed = as(() -> records.create(party, RecordKind.PERSONNEL, Map.of("name", "钱工", "residentId", "440524199001010018",
                "employment", "LEFT"), true, "p").id());
        assertThatThrownBy(() -> as(() -> projects.changeManager(party, p.id(), ANY, departed, pdf(), "p")))
                .as("a manager who left").isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("manager"));

        ProjectView changed = as(() -> projects.changeManager(party, p.id(), ANY, manager, pdf(), "p"));

        assertThat(changed.managerPersonnelId()).isEqualTo(manager);
        List<ChangeLedger.Entry> history = as(() -> projects.history(party, p.id()));
        assertThat(history).extracting(ChangeLedger.Entry::action).containsExactly("CREATE", "SUBMIT", "CORRECT", "MANAGER_CHANGE");
        assertThat(history.get(3).stamp()).startsWith("#");
        assertThat(history.get(3).contentHash()).as("the entry covers the evidence too").hasSize(64);
    }

    @Test
    @DisplayName("JS-30, JS-36–JS-38, JS-40–JS-44, JS-48, JS-49: completion (contract + documents) makes a NORMAL track record; voiding it re-opens the project; resubmitting makes a new one")
    void projectToTrackRecordCycle() {
        ProjectView p = submittedOffPlatform();
        assertThatThrownBy(() -> as(() -> projects.complete(party, p.id(), ANY, CONTRACT, List.of(), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("completionDocuments"));
        assertThatThrownBy(() -> as(() -> projects.complete(party, p.id(), ANY, Map.of("contractNumber", "x"), List.of(pdf()), "p")))
                .isInstanceOf(ApiException.class);

        TrackRecordView first = as(() -> projects.complete(party, p.id(), ANY, CONTRACT, List.of(pdf()), "p"));

        assertThat(first.status()).isEqualTo(TrackRecordStatus.NORMAL);
        assertThat(first.usableInBidding()).isTrue();
        assertThat(first.project()).containsEntry("name", "示例大桥");
        ProjectView completed = as(() -> projects.get(party, p.id()));
        assertThat(completed.stage()).isEqualTo(ProjectStage.COMPLETED);
        assertThat(completed.usedAsTrackRecord()).isTrue();
        assertThatThrownBy(() -> as(() -> projects.changeManager(party, p.id(), ANY, manager, pdf(), "p")))
                .as("JS-31, JS-32").isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("project-stage"));
        assertThatThrownBy(() -> as(() -> projects.complete(party, p.id(), ANY, CONTRACT, List.of(pdf()), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("project-stage"));

        assertThatThrownBy(() -> as(() -> projects.voidTrackRecord(party, first.id(), "合同纠纷", null, "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("evidence"));
        TrackRecordView voided = as(() -> projects.voidTrackRecord(party, first.id(), "合同纠纷", pdf(), "p"));

        assertThat(voided.status()).isEqualTo(TrackRecordStatus.VOIDED);
        assertThat(voided.usableInBidding()).isFalse();
        ProjectView reopened = as(() -> projects.get(party, p.id()));
        assertThat(reopened.stage()).isEqualTo(ProjectStage.UNDER_CONSTRUCTION);
        assertThat(reopened.usedAsTrackRecord()).isFalse();
        assertThat(reopened.status()).isEqualTo(RecordStatus.DRAFT);
        assertThatThrownBy(() -> as(() -> projects.voidTrackRecord(party, first.id(), "again", pdf(), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("record-state"));

        as(() -> projects.edit(party, p.id(), ANY, Map.of("name", "示例大桥", "owner", "某市交通局", "scale", "更正后"), "p"));
        ProjectView resubmitted = as(() -> projects.submit(party, p.id(), ANY, "p"));

        assertThat(resubmitted.stage()).isEqualTo(ProjectStage.COMPLETED);
        List<TrackRecordView> all = as(() -> projects.trackRecords(party, ProjectBoard.ENTERPRISE)).stream()
                .filter(t -> t.projectId() == p.id()).toList();
        assertThat(all).extracting(TrackRecordView::status).containsExactly(TrackRecordStatus.NORMAL, TrackRecordStatus.VOIDED);
        assertThat(all.get(0).project()).containsEntry("scale", "更正后");
        assertThatThrownBy(() -> as(() -> { projects.delete(party, p.id(), ANY, "p"); return null; }))
                .as("JS-28").isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("project-not-deletable"));
        assertThat(as(ledger::verify).intact()).isTrue();
    }

    @Test
    @DisplayName("JS-42, JS-46: each reported use counts once per use id; a voided track record cannot be used")
    void useCount() {
        ProjectView p = submittedOffPlatform();
        TrackRecordView record = as(() -> projects.complete(party, p.id(), ANY, CONTRACT, List.of(pdf()), "p"));

        as(() -> projects.reportUse(record.id(), "bid-001", "city:nanjing"));
        as(() -> projects.reportUse(record.id(), "bid-001", "city:nanjing"));
        TrackRecordView counted = as(() -> projects.reportUse(record.id(), "bid-002", "city:suzhou"));

        assertThat(counted.useCount()).isEqualTo(2);
        as(() -> projects.voidTrackRecord(party, record.id(), "作废", pdf(), "p"));
        assertThatThrownBy(() -> as(() -> projects.reportUse(record.id(), "bid-003", "city:wuxi")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("track-record-voided"));
    }
}
