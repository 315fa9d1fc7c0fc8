package cn.huren.server.party;

import static cn.huren.server.party.ExpectedVersion.ANY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.PartyRegistration.BasicInfo;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartyRegistrationTest {

    @LocalServerPort
    int port;

    @Autowired
    PartyRegistration parties;

    @Autowired
    Attachments attachments;

    @Autowired
    ChangeLedger ledger;

    @Autowired
    TenantDirectory tenants;

    TenantDescriptor tenant;

    @BeforeAll
    void tenant() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("pty1", "jiangsu"));
        tenant = tenants.byCode("pty1").orElseThrow();
    }

    <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    @Test
    @DisplayName("JS-01, JS-02: a verified enterprise or person registers once; a second login finds the same party; both are on the ledger")
    void registerOnce() {
        PartyView enterprise = as(() -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, "91110000802100433b", "北京示例公司", "ukey")));
        PartyView again = as(() -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, "91110000802100433B", "北京示例公司", "mobile-ca")));
        PartyView person = as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, "11010519491231002X", "张三", "sufuban")));

        assertThat(again.id()).isEqualTo(enterprise.id());
        assertThat(again.registeredVia()).isEqualTo("ukey");
        assertThat(enterprise.identifier()).isEqualTo("91110000802100433B");
        assertThat(person.kind()).isEqualTo(PartyKind.NATURAL_PERSON);
        assertThat(as(() -> parties.findByUscc("91110000802100433B"))).map(PartyView::id).contains(enterprise.id());
        assertThat(as(() -> ledger.history("party", Long.toString(enterprise.id())))).extracting(ChangeLedger.Entry::action)
                .containsExactly("REGISTER");
    }

    @Test
    @DisplayName("an identity with an invalid USCC or ID number cannot be registered; the error names the rule")
    void invalidIdentity() {
        assertThatThrownBy(() -> new VerifiedIdentity(PartyKind.ENTERPRISE, "91350100M000100Y44", "x", "ukey"))
                .isInstanceOfSatisfying(InvalidIdentifierException.class,
                        e -> assertThat(e.rule()).isEqualTo(InvalidIdentifierException.Rule.CHECK_CHARACTER));
        assertThatThrownBy(() -> new VerifiedIdentity(PartyKind.NATURAL_PERSON, "91350100M000100Y43", "x", "ukey"))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    @DisplayName("JS-07: registration completes with the basic information; an enterprise names its legal representative; bad input changes nothing")
    void basicInformation() {
        PartyView party = as(() -> parties.register(new VerifiedIdentity(PartyKind.ENTERPRISE, "91350100M000100Y43", "福建示例公司", "ukey")));
        assertThat(party.basicInfoComplete()).isFalse();

        assertThatThrownBy(() -> as(() -> parties.maintainBasicInfo(party.id(), ANY,
                new BasicInfo(Set.of(PartyRole.BIDDER), null, "南京市", "李四", "13800138000", null), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("legalRepresentative"));
        assertThatThrownBy(() -> as(() -> parties.maintainBasicInfo(party.id(), ANY,
                new BasicInfo(Set.of(), "王五", "南京市", "李四", "12345", null), "p")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldError::field)
                        .containsExactlyInAnyOrder("roles", "contactPhone"));
        assertThat(as(() -> parties.require(party.id())).basicInfoComplete()).isFalse();

        PartyView done = as(() -> parties.maintainBasicInfo(party.id(), ANY,
                new BasicInfo(Set.of(PartyRole.BIDDER, PartyRole.TENDERER), "王五", "南京市鼓楼区", "李四", "025-83451234", "li@example.cn"), "p"));

        assertThat(done.basicInfoComplete()).isTrue();
        assertThat(done.roles()).containsExactlyInAnyOrder(PartyRole.BIDDER, PartyRole.TENDERER);
        assertThat(done.name()).as("X-10: the verified name is not the party's to change").isEqualTo("福建示例公司");
        assertThat(done.basicInfo()).containsEntry("legalRepresentative", "王五");
    }

    @Test
    @DisplayName("attachments: PDF, JPEG and PNG by content with SHA-256; disguised, unknown, empty or oversized files refused; only the owner finds them")
    void attachmentsBySniffedContent() {
        long owner = as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, "440524199001010018", "陈六", "ukey"))).id();
        long other = as(() -> parties.register(new VerifiedIdentity(PartyKind.NATURAL_PERSON, "11010519491231002X", "张三", "ukey"))).id();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

        Attachments.AttachmentView stored = as(() -> attachments.store(owner, "营业执照.png", png));

        assertThat(stored.mediaType()).isEqualTo("image/png");
        assertThat(stored.sha256()).hasSize(64);
        assertThat(as(() -> attachments.find(owner, stored.id()))).isPresent();
        assertThat(as(() -> attachments.find(other, stored.id()))).isEmpty();
        assertThat(as(() -> attachments.content(owner, stored.id()))).contains(png);
        assertRefused(() -> attachments.store(owner, "licence.pdf", png), "attachment-disguised", 415);
        assertRefused(() -> attachments.store(owner, "tool.pdf", "MZ\u0090\u0000binary".getBytes()), "attachment-type", 415);
        assertRefused(() -> attachments.store(owner, "empty.pdf", new byte[0]), "attachment-empty", 400);
        byte[] huge = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(), 0, huge, 0, 5);
        assertRefused(() -> attachments.store(owner, "huge.pdf", huge), "attachment-too-large", 413);
        Arrays.fill(huge, (byte) 0);
    }

    private void assertRefused(Supplier<?> store, String kind, int status) {
        assertThatThrownBy(() -> as(store)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.status().value()).isEqualTo(status);
        });
    }
}
