package cn.huren.server.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.server.party.InvalidIdentifierException.Rule;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource({"91350100M000100Y43", "91110000802100433B", "91350100m000100y43"})
    @DisplayName("a unified social credit code with a correct GB 32100 check character is accepted (case-insensitive)")
    void validUscc(String code) {
        Uscc uscc = Uscc.parse(code);

        assertThat(uscc.value()).isEqualTo(code.toUpperCase());
        assertThat(uscc.divisionCode()).isEqualTo(code.substring(2, 8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "91350100M000100Y4, LENGTH",
            "91350100M000100Y433, LENGTH",
            "91350100M0001O0Y43, CHARACTER",
            "9I350100M000100Y43, CHARACTER",
            "9135A100M000100Y43, DIVISION",
            "91350100M000100Y44, CHECK_CHARACTER",
            "91320000134757497L, CHECK_CHARACTER"})
    @DisplayName("an invalid unified social credit code is refused and the error names the rule that failed")
    void invalidUscc(String code, Rule rule) {
        assertThatThrownBy(() -> Uscc.parse(code))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    @DisplayName("a resident ID number with a correct GB 11643 check character and a real birth date is accepted; X is upper-cased")
    void validResidentId() {
        ResidentId id = ResidentId.parse("11010519491231002x");

        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.toString()).as("masked wherever it is printed").isEqualTo("1101**********002X");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1101051949123100, LENGTH",
            "1101051949123100AX, CHARACTER",
            "99010519491231002X, DIVISION",
            "11010519491331002X, BIRTH_DATE",
            "440524188001010014, BIRTH_DATE",
            "110105194912310021, CHECK_CHARACTER",
            "11010519491231０02X, CHARACTER"})
    @DisplayName("an invalid resident ID number is refused and the error names the rule that failed")
    void invalidResidentId(String id, Rule rule) {
        assertThatThrownBy(() -> ResidentId.parse(id))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    @DisplayName("a birth date in the future is not plausible")
    void futureBirthDate() {
        String body = "11010520300101002";
        String id = body + ResidentId.checkCharacter(body);

        assertThatThrownBy(() -> ResidentId.check(id, LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> assertThat(e.rule()).isEqualTo(Rule.BIRTH_DATE));
    }
}
