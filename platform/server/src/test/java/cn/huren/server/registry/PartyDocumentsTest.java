package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.PartyDocuments;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.PartyKind;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.VerifiedIdentity;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The host service PartyDocuments (NMG-09 电子件管理): a party's own documents with their categories, in its tenant only. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyDocumentsTest {

    static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    @LocalServerPort
    int port;
    @Autowired
    PartyDocuments documents;
    @Autowired
    PartyRegistry registry;
    @Autowired
    PartyRegistration parties;
    @Autowired
    ChangeLedger ledger;
    @Autowired
    TenantDirectory tenants;

    TenantDescriptor nmg;
    TenantDescriptor other;

    @BeforeAll
    void setUp() {
        HttpApi op = HttpApi.operator(port);
        op.post("/api/platform/tenants", Tenants.body("pdoc1", "neimenggu"));
        op.post("/api/platform/tenants", Tenants.body("pdoc2", "neimenggu"));
        nmg = tenants.byCode("pdoc1").orElseThrow();
        other = tenants.byCode("pdoc2").orElseThrow();
    }

    static <T> T as(TenantDescriptor tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private long person(TenantDescriptor tenant, int n, String name) {
        return as(tenant, () -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, DocumentSealsTest.residentId(n), name, "ukey")).id());
    }

    @Test
    @DisplayName("NMG-09: upload under a category, listed and in the registry snapshot with that category, both in the ledger; removal takes it out of both")
    void uploadListRemove() {
        long party = person(nmg, 91, "钱七");
        PartyRegistry.Document front = as(nmg, () -> documents.upload(party, "ID_CARD_FRONT", "身份证人像面.png", "image/png", PNG, "party:" + party));
        PartyRegistry.Document cert = as(nmg, () -> documents.upload(party, "QUALIFICATION", "证书.pdf", null, RecordLifecycleTest.PDF, "party:" + party));

        assertThat(front.category()).isEqualTo("ID_CARD_FRONT");
        assertThat(front.contentType()).isEqualTo("image/png");
        assertThat(front.size()).isEqualTo(PNG.length);
        assertThat(front.uploadedAt()).isNotNull();
        assertThat(as(nmg, () -> documents.list(party))).extracting(PartyRegistry.Document::id, PartyRegistry.Document::category)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(front.id(), "ID_CARD_FRONT"),
                        org.assertj.core.groups.Tuple.tuple(cert.id(), "QUALIFICATION"));
        assertThat(as(nmg, () -> registry.snapshot(party)).orElseThrow().documents())
                .extracting(PartyRegistry.Document::id, PartyRegistry.Document::category)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(front.id(), "ID_CARD_FRONT"),
                        org.assertj.core.groups.Tuple.tuple(cert.id(), "QUALIFICATION"));

        as(nmg, () -> {
            documents.remove(party, front.id(), "party:" + party);
            return null;
        });
        assertThat(as(nmg, () -> documents.list(party))).extracting(PartyRegistry.Document::id).containsExactly(cert.id());
        assertThat(as(nmg, () -> registry.snapshot(party)).orElseThrow().documents()).extracting(PartyRegistry.Document::id)
                .containsExactly(cert.id());
        assertThat(as(nmg, () -> ledger.history("party-document", party + "/" + front.id())))
                .extracting(ChangeLedger.Entry::action).containsExactly("UPLOAD", "REMOVE");
        refused(() -> as(nmg, () -> {
            documents.remove(party, front.id(), "party:" + party);
            return null;
        }), 404, "document-not-found");
    }

    @Test
    @DisplayName("another party's document, another tenant's party and a malformed id are not found (404); nothing is removed")
    void otherPartyOrTenantNotFound() {
        long owner = person(nmg, 92, "孙八");
        long stranger = person(nmg, 93, "李九");
        PartyRegistry.Document d = as(nmg, () -> documents.upload(owner, "ID_CARD_BACK", "back.pdf", "application/pdf", RecordLifecycleTest.PDF, "party:" + owner));

        refused(() -> as(nmg, () -> {
            documents.remove(stranger, d.id(), "party:" + stranger);
            return null;
        }), 404, "document-not-found");
        refused(() -> as(nmg, () -> {
            documents.remove(owner, "not-a-uuid", "party:" + owner);
            return null;
        }), 404, "document-not-found");
        assertThat(as(nmg, () -> documents.list(stranger))).isEmpty();
        // the other tenant has no party of that id
        refused(() -> as(other, () -> documents.list(owner)), 404, "party-not-found");
        refused(() -> as(other, () -> documents.upload(owner, "OTHER", "x.pdf", null, RecordLifecycleTest.PDF, "p")), 404, "party-not-found");
        assertThat(as(nmg, () -> documents.list(owner))).extracting(PartyRegistry.Document::id).containsExactly(d.id());
        assertThatThrownBy(() -> documents.list(owner)).as("no tenant, no documents").isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("refusals store nothing: an unknown category 400, a too large file 413, content that is no PDF/JPEG/PNG 415, a declared type the content contradicts 415")
    void refusals() {
        long party = person(nmg, 94, "周十");
        refused(() -> as(nmg, () -> documents.upload(party, "PASSPORT", "p.pdf", null, RecordLifecycleTest.PDF, "p")), 400, "document-category");
        byte[] large = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(RecordLifecycleTest.PDF, 0, large, 0, RecordLifecycleTest.PDF.length);
        refused(() -> as(nmg, () -> documents.upload(party, "OTHER", "big.pdf", null, large, "p")), 413, "attachment-too-large");
        refused(() -> as(nmg, () -> documents.upload(party, "OTHER", "a.txt", "text/plain", "hello".getBytes(), "p")), 415, "attachment-type");
        refused(() -> as(nmg, () -> documents.upload(party, "OTHER", "scan", "image/jpeg", RecordLifecycleTest.PDF, "p")), 415, "attachment-disguised");
        assertThat(as(nmg, () -> documents.list(party))).isEmpty();
        assertThat(as(nmg, () -> registry.snapshot(party)).orElseThrow().documents()).as("the refused file is not kept").isEmpty();
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PluginProblem.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.code()).isEqualTo(code);
        });
    }
}
