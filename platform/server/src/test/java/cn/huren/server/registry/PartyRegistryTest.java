package cn.huren.server.registry;

import static cn.huren.server.party.ExpectedVersion.ANY;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyRole;
import cn.huren.server.party.RegisteredParties;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.registry.RegistrationDocuments.Role;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The host service PartyRegistry: a party's registry as a region's plugin reads it, in the current tenant only. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyRegistryTest {

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistry registry;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Attachments attachments;

    @Autowired
    RegistrationDocuments documents;

    @Autowired
    RegistryRecords records;

    @Autowired
    TenantDirectory tenants;

    TenantDescriptor nmg;
    TenantDescriptor js;
    TenantDescriptor emptyNmg;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("prg1", "neimenggu"));
        op.post("/api/platform/tenants", Tenants.body("prg2", "jiangsu"));
        op.post("/api/platform/tenants", Tenants.body("prg3", "neimenggu"));
        nmg = tenants.byCode("prg1").orElseThrow();
        js = tenants.byCode("prg2").orElseThrow();
        emptyNmg = tenants.byCode("prg3").orElseThrow();
    }

    static <T> T as(TenantDescriptor tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    @Test
    @DisplayName("an enterprise's snapshot: identity and basic information by the core's field names, its attachments with their "
            + "registration roles, its records not voided; the version and update time follow a basic-information save")
    void snapshot() {
        String uscc = RegisteredParties.uscc(811);
        long party = RegisteredParties.enterprise(parties, nmg, uscc, "内蒙古快照有限公司");
        var licence = as(nmg, () -> attachments.store(party, "licence.pdf", RecordLifecycleTest.PDF));
        var other = as(nmg, () -> attachments.store(party, "photo.pdf", RecordLifecycleTest.PDF));
        as(nmg, () -> documents.attach(party, Role.BUSINESS_LICENCE, licence.id(), "p"));
        RecordView kept = as(nmg, () -> records.create(party, RecordKind.BANK_ACCOUNT, RecordLifecycleTest.complete(RecordKind.BANK_ACCOUNT), true, "p"));
        RecordView voided = as(nmg, () -> records.create(party, RecordKind.BANK_ACCOUNT, RecordLifecycleTest.complete(RecordKind.BANK_ACCOUNT), true, "p"));
        as(nmg, () -> records.voidRecord(party, voided.id(), ANY, "账户已注销", null, "p"));
        RecordView draft = as(nmg, () -> records.create(party, RecordKind.AWARD, Map.of("name", "优秀企业"), false, "p"));

        PartyRegistry.Snapshot s = as(nmg, () -> registry.snapshot(party)).orElseThrow();

        assertThat(s.kind()).isEqualTo("ENTERPRISE");
        assertThat(s.name()).isEqualTo("内蒙古快照有限公司");
        assertThat(s.identifier()).isEqualTo(uscc);
        assertThat(s.fields()).containsEntry("name", "内蒙古快照有限公司").containsEntry("uscc", uscc)
                .containsEntry("roles", "BIDDER").containsEntry("legalRepresentative", "王五").containsEntry("address", "南京市")
                .containsEntry("contactName", "李四").containsEntry("contactPhone", "13800138000")
                .doesNotContainKey("email").doesNotContainKey("residentId");
        assertThat(s.documents()).extracting(PartyRegistry.Document::id, PartyRegistry.Document::category)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(licence.id().toString(), "BUSINESS_LICENCE"),
                        org.assertj.core.groups.Tuple.tuple(other.id().toString(), "OTHER"));
        assertThat(s.documents()).allSatisfy(d -> {
            assertThat(d.contentType()).isEqualTo("application/pdf");
            assertThat(d.sha256()).hasSize(64);
            assertThat(d.uploadedAt()).isNotNull();
        });
        assertThat(s.records()).extracting(PartyRegistry.Record::id).containsExactly(kept.id(), draft.id());
        assertThat(s.records().get(0).kind()).isEqualTo("bank-account");
        assertThat(s.records().get(0).status()).isEqualTo("SUBMITTED");
        assertThat(s.records().get(0).title()).startsWith("企业银行账户：");
        assertThat(s.records().get(1).status()).isEqualTo("DRAFT");
        assertThat(s.records().get(1).title()).isEqualTo("企业获奖：优秀企业");

        as(nmg, () -> parties.maintainBasicInfo(party, ANY, new PartyRegistration.BasicInfo(Set.of(PartyRole.BIDDER), "王五", "呼和浩特市",
                "李四", "13800138000", "info@example.com"), "p"));
        PartyRegistry.Snapshot after = as(nmg, () -> registry.snapshot(party)).orElseThrow();
        assertThat(after.version()).isGreaterThan(s.version());
        assertThat(after.updatedAt()).isAfterOrEqualTo(s.updatedAt());
        assertThat(after.fields()).containsEntry("address", "呼和浩特市").containsEntry("email", "info@example.com");
    }

    @Test
    @DisplayName("a person is found by resident ID in its own tenant only; another tenant's party id reads as absent")
    void tenantBound() {
        String residentId = DocumentSealsTest.residentId(81);
        long person = as(nmg, () -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, residentId, "赵六", "ukey")).id());
        long jsParty = RegisteredParties.enterprise(parties, js, RegisteredParties.uscc(812), "江苏快照有限公司");

        assertThat(as(nmg, () -> registry.findNaturalPerson(residentId))).hasValue(person);
        assertThat(as(nmg, () -> registry.snapshot(person)).orElseThrow().fields()).containsEntry("residentId", residentId)
                .containsEntry("documentType", "RESIDENT_ID").containsEntry("name", "赵六");
        assertThat(as(js, () -> registry.findNaturalPerson(residentId))).isEmpty();
        assertThat(as(nmg, () -> registry.findNaturalPerson("not an id"))).isEmpty();
        assertThat(as(emptyNmg, () -> registry.snapshot(jsParty))).as("a js party id read in a tenant without parties").isEmpty();
        assertThat(as(emptyNmg, () -> registry.snapshot(person))).isEmpty();
    }
}
