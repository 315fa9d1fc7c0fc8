package cn.huren.server.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.party.IdentityDocument.DocumentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifiedIdentityTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "11010519491231002x, RESIDENT_ID, 11010519491231002X",
            "810000199408230021, HK_MACAO_RESIDENCE_PERMIT, 810000199408230021",
            "usa310085031501, FOREIGN_PERMANENT_RESIDENCE_OLD, USA310085031501"})
    @DisplayName("a person's identity without a document type gets the type told from the number, and the normalised number")
    void detected(String number, DocumentType type, String value) {
        VerifiedIdentity identity = new VerifiedIdentity(PartyKind.NATURAL_PERSON, number, "x", "ukey");

        assertThat(identity.documentType()).isEqualTo(type);
        assertThat(identity.identifier()).isEqualTo(value);
    }

    @Test
    @DisplayName("a 71… number ResidentId has always accepted stays a resident ID; an enterprise has no document type")
    void compatible() {
        String taiwanProvince = "71000019800101" + "001";
        String id = taiwanProvince + ResidentId.checkCharacter(taiwanProvince);

        assertThat(new VerifiedIdentity(PartyKind.NATURAL_PERSON, id, "x", "ukey").documentType()).isEqualTo(DocumentType.RESIDENT_ID);
        assertThat(new VerifiedIdentity(PartyKind.ENTERPRISE, "91350100M000100Y43", "x", "ukey").documentType()).isNull();
        assertThatThrownBy(() -> new VerifiedIdentity(PartyKind.ENTERPRISE, "91350100M000100Y43", "x", "ukey", DocumentType.RESIDENT_ID))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a given document type is checked: a resident ID number is not a Hong Kong permit")
    void givenType() {
        assertThat(new VerifiedIdentity(PartyKind.NATURAL_PERSON, "810000199408230021", "x", "realname:cfca",
                DocumentType.HK_MACAO_RESIDENCE_PERMIT).documentType()).isEqualTo(DocumentType.HK_MACAO_RESIDENCE_PERMIT);
        assertThatThrownBy(() -> new VerifiedIdentity(PartyKind.NATURAL_PERSON, "11010519491231002X", "x", "realname:cfca",
                DocumentType.HK_MACAO_RESIDENCE_PERMIT))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(InvalidIdentifierException.Rule.DIVISION));
    }
}
