package cn.huren.server.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.party.IdentityDocument.DocumentType;
import cn.huren.server.party.IdentityDocument.Sex;
import cn.huren.server.party.InvalidIdentifierException.Rule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("identity documents a natural person bids with")
class IdentityDocumentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /**
     * ISO 7064 MOD 11-2 written independently of the production code: weight 2^(17-i) mod 11,
     * check value (12 - sum mod 11) mod 11, 10 written as X.
     */
    static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * (int) (Math.pow(2, 17 - i) % 11);
        }
        int check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : String.valueOf(check));
    }

    /** Same 17 digits with another check character: always wrong. */
    static String withWrongCheck(String first17) {
        String good = withCheck(first17);
        char wrong = good.charAt(17) == '0' ? '1' : '0';
        return first17 + wrong;
    }

    private static IdentityDocument parse(DocumentType type, String text) {
        return IdentityDocument.parse(type, text, CLOCK);
    }

    private static void refused(DocumentType type, String text, Rule rule) {
        assertThatThrownBy(() -> parse(type, text))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    @DisplayName("the independent MOD 11-2 helper reproduces the GB 11643 published example 11010519491231002X")
    void helperMatchesPublishedExample() {
        assertThat(withCheck("11010519491231002")).isEqualTo("11010519491231002X");
        assertThat(withCheck("81000019940823002")).as("a Hong Kong permit example found in a public validator")
                .isEqualTo("810000199408230021");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "RESIDENT_ID, 11010519491231002X, 1949-12-31, FEMALE",
            "RESIDENT_ID, 32010219800101001, 1980-01-01, MALE",
            "HK_MACAO_RESIDENCE_PERMIT, 810000199408230021, 1994-08-23, FEMALE",
            "HK_MACAO_RESIDENCE_PERMIT, 82000020000229003, 2000-02-29, MALE",
            "TAIWAN_RESIDENCE_PERMIT, 83000019920130002, 1992-01-30, FEMALE",
            "FOREIGN_PERMANENT_RESIDENCE, 91184019850615001, 1985-06-15, MALE",
            "FOREIGN_PERMANENT_RESIDENCE, 93139220251231002, 2025-12-31, FEMALE"})
    @DisplayName("a GB 11643-layout number with a correct check character is accepted, detected as its type, and gives birth date and sex")
    void validGb11643Layouts(DocumentType type, String number, LocalDate birth, Sex sex) {
        String full = number.length() == 17 ? withCheck(number) : number;

        IdentityDocument document = parse(type, full);

        assertThat(document.type()).isEqualTo(type);
        assertThat(document.value()).isEqualTo(full);
        assertThat(document.birthDate()).isEqualTo(birth);
        assertThat(document.sex()).contains(sex);
        assertThat(IdentityDocument.detect(full, CLOCK)).isEqualTo(document);
    }

    @Test
    @DisplayName("lower-case x and surrounding blanks are normalised (upper-case X, stripped)")
    void lowerCaseX() {
        IdentityDocument document = parse(DocumentType.RESIDENT_ID, " 11010519491231002x ");

        assertThat(document.value()).isEqualTo("11010519491231002X");
        assertThat(document).isEqualTo(parse(DocumentType.RESIDENT_ID, "11010519491231002X"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "RESIDENT_ID, 11010519491231002",
            "HK_MACAO_RESIDENCE_PERMIT, 81000019940823002",
            "TAIWAN_RESIDENCE_PERMIT, 83000019920130002",
            "FOREIGN_PERMANENT_RESIDENCE, 91184019850615001"})
    @DisplayName("a wrong check character is refused with CHECK_CHARACTER")
    void wrongCheckCharacter(DocumentType type, String first17) {
        refused(type, withWrongCheck(first17), Rule.CHECK_CHARACTER);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "HK_MACAO_RESIDENCE_PERMIT, 81000119940823002",
            "HK_MACAO_RESIDENCE_PERMIT, 83000019940823002",
            "HK_MACAO_RESIDENCE_PERMIT, 11010519940823002",
            "TAIWAN_RESIDENCE_PERMIT, 81000019920130002",
            "TAIWAN_RESIDENCE_PERMIT, 83010019920130002",
            "TAIWAN_RESIDENCE_PERMIT, 71000019920130002",
            "RESIDENT_ID, 81000019940823002",
            "RESIDENT_ID, 83000019920130002",
            "RESIDENT_ID, 71010519491231002",
            "RESIDENT_ID, 91184019850615001",
            "FOREIGN_PERMANENT_RESIDENCE, 11010519491231002",
            "FOREIGN_PERMANENT_RESIDENCE, 99984019850615001"})
    @DisplayName("a wrong address code for the type is refused with DIVISION even when the check character is right")
    void wrongAddressCode(DocumentType type, String first17) {
        refused(type, withCheck(first17), Rule.DIVISION);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "RESIDENT_ID, 11010519490230002",
            "RESIDENT_ID, 11010519491301002",
            "RESIDENT_ID, 11010518991231002",
            "RESIDENT_ID, 11010520260102002",
            "HK_MACAO_RESIDENCE_PERMIT, 81000020230229002",
            "TAIWAN_RESIDENCE_PERMIT, 83000019920000002",
            "FOREIGN_PERMANENT_RESIDENCE, 91184019851315001",
            "FOREIGN_PERMANENT_RESIDENCE, 91184020260102001"})
    @DisplayName("an impossible or future birth date is refused with BIRTH_DATE (today is 2026-01-01 by the clock)")
    void impossibleDates(DocumentType type, String first17) {
        refused(type, withCheck(first17), Rule.BIRTH_DATE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1101051949123100, LENGTH",
            "1101051949123100AX, CHARACTER",
            "11010519491231０02X, CHARACTER",
            "'', LENGTH"})
    @DisplayName("length and character rules apply to every GB 11643 layout")
    void lengthAndCharacters(String number, Rule rule) {
        for (DocumentType type : new DocumentType[] {DocumentType.RESIDENT_ID, DocumentType.HK_MACAO_RESIDENCE_PERMIT,
                DocumentType.TAIWAN_RESIDENCE_PERMIT, DocumentType.FOREIGN_PERMANENT_RESIDENCE}) {
            refused(type, number, rule);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "usa110085061513, 1985-06-15",
            "CAN310005010144, 2005-01-01",
            "GBR440030010122, 1930-01-01",
            "DEU110025123176, 2025-12-31"})
    @DisplayName("a 2004-format permanent residence card (3 letters, 12 digits) is accepted on structure, birth date YYMMDD in the latest century not after today")
    void validOldPermanentResidence(String number, LocalDate birth) {
        IdentityDocument document = parse(DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, number);

        assertThat(document.value()).isEqualTo(number.toUpperCase());
        assertThat(document.birthDate()).isEqualTo(birth);
        assertThat(document.sex()).as("not derived: no published description of the old layout").isEmpty();
        assertThat(IdentityDocument.detect(number, CLOCK)).isEqualTo(document);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "USA11008506151, LENGTH",
            "USA1100850615133, LENGTH",
            "US1110085061513, CHARACTER",
            "USA11008506151X, CHARACTER",
            "USA990085061513, DIVISION",
            "USA110085023013, BIRTH_DATE",
            "USA110085130113, BIRTH_DATE"})
    @DisplayName("an invalid 2004-format permanent residence card is refused and the error names the rule")
    void invalidOldPermanentResidence(String number, Rule rule) {
        refused(DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, number, rule);
    }

    @Test
    @DisplayName("masking hides the birth date and most digits, for pages and logs; toString is masked")
    void masking() {
        IdentityDocument id = parse(DocumentType.RESIDENT_ID, "11010519491231002x");
        IdentityDocument old = parse(DocumentType.FOREIGN_PERMANENT_RESIDENCE_OLD, "USA110085061513");
        IdentityDocument permit = parse(DocumentType.HK_MACAO_RESIDENCE_PERMIT, "810000199408230021");

        assertThat(id.masked()).isEqualTo("1101**********002X");
        assertThat(permit.masked()).isEqualTo("8100**********0021");
        assertThat(old.masked()).isEqualTo("USA*********513");
        assertThat(id.toString()).isEqualTo("RESIDENT_ID 1101**********002X").doesNotContain("19491231");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"110105491231002", "11010519491231002", "1101051949123100211", "USA1100850615", "X"})
    @DisplayName("detect refuses a number whose kind it cannot tell (e.g. a 15-digit first-generation ID) with DOCUMENT_TYPE")
    void detectAmbiguous(String number) {
        assertThatThrownBy(() -> IdentityDocument.detect(number, CLOCK))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(Rule.DOCUMENT_TYPE));
    }

    @Test
    @DisplayName("detect names the rule of the type it chose when the number is of that shape but invalid")
    void detectThenValidate() {
        assertThatThrownBy(() -> IdentityDocument.detect(withWrongCheck("81000019940823002"), CLOCK))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(Rule.CHECK_CHARACTER));
        assertThatThrownBy(() -> IdentityDocument.detect(withCheck("81010019940823002"), CLOCK))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(Rule.DIVISION));
    }

    @Test
    @DisplayName("ResidentId keeps accepting permit numbers as before and tells their document type")
    void residentIdDelegates() {
        assertThat(ResidentId.parse("11010519491231002x").document())
                .isEqualTo(parse(DocumentType.RESIDENT_ID, "11010519491231002X"));
        assertThat(ResidentId.parse("810000199408230021").document().type()).isEqualTo(DocumentType.HK_MACAO_RESIDENCE_PERMIT);
        assertThat(ResidentId.parse(withCheck("83000019920130002")).document().type())
                .isEqualTo(DocumentType.TAIWAN_RESIDENCE_PERMIT);
    }
}
