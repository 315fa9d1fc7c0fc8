package cn.huren.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.registry.FieldSpec.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A record field's types and values (docs/api-json.md), without a server. */
class FieldSpecTest {

    /** The normalised value, or "!code" when the field refuses it. */
    private static Object normalise(FieldSpec field, Object value) {
        String[] problem = new String[2];
        Object normalised = field.normalise(value, problem);
        return problem[1] != null ? "!" + problem[1] : normalised;
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "TEXT; '  甲方  '; 甲方",
            "DATE; 2024-06-30; 2024-06-30",
            "DATE; 2024-02-30; !date",
            "DATE; 30/06/2024; !date",
            "MONEY; 1200.5; 1200.50",
            "MONEY; 0; 0.00",
            "MONEY; -1; !money-negative",
            "MONEY; 1.005; !money",
            "MONEY; 1e3; !money",
            "MONEY; +5; !money",
            "MONEY; 1000000000000000.00; !money-range",
            "MONEY; 999999999999999.99; 999999999999999.99",
            "SIGNED_MONEY; -35.10; -35.10",
            "YEAR; 2024; 2024",
            "YEAR; 1948; !year",
            "YEAR; 2101; !year",
            "YEAR; ' 2024 '; 2024",
            "YEAR; 20 24; !number",
            "COUNT; 0; 0",
            "COUNT; -1; !count",
            "COUNT; 1.5; !number",
            "ACCOUNT_NUMBER; 6222 0202 0000 1234; 6222020200001234",
            "ACCOUNT_NUMBER; 1234567; !digits",
            "RESIDENT_ID; 11010519491231002x; 11010519491231002X",
            "RESIDENT_ID; 110105194912310021; !resident-id"})
    @DisplayName("text values are checked and normalised by the field's type; a refusal names its rule")
    void fromText(Type type, String value, String expected) {
        assertThat(normalise(new FieldSpec("f", type, true, List.of()), value).toString()).isEqualTo(expected);
    }

    @Test
    @DisplayName("JSON numbers: whole numbers for YEAR and COUNT, exact decimals for money; never a boolean, object or array")
    void jsonTypes() {
        FieldSpec year = FieldSpec.required("year", Type.YEAR);
        FieldSpec money = FieldSpec.required("amount", Type.MONEY);
        FieldSpec text = FieldSpec.required("name", Type.TEXT);

        assertThat(normalise(year, 2024)).isEqualTo(2024);
        assertThat(normalise(year, 2024L)).isEqualTo(2024);
        assertThat(normalise(year, BigInteger.valueOf(2024))).isEqualTo(2024);
        assertThat(normalise(year, 2024.0)).isEqualTo("!type");
        assertThat(normalise(money, new BigDecimal("12.30"))).isEqualTo("12.30");
        assertThat(normalise(money, 12.3)).isEqualTo("12.30");
        assertThat(normalise(money, new BigDecimal("0.001"))).isEqualTo("!money");
        for (FieldSpec field : List.of(year, money, text)) {
            assertThat(normalise(field, true)).as(field.name()).isEqualTo("!type");
            assertThat(normalise(field, Map.of())).as(field.name()).isEqualTo("!type");
            assertThat(normalise(field, List.of())).as(field.name()).isEqualTo("!type");
        }
        assertThat(normalise(text, 5)).isEqualTo("!type");
    }

    @Test
    @DisplayName("a choice takes one of its options only; text has at most 2000 characters")
    void choicesAndLength() {
        FieldSpec choice = FieldSpec.choice("role", "牵头人", "成员");

        assertThat(choice.required()).isTrue();
        assertThat(normalise(choice, " 成员 ")).isEqualTo("成员");
        assertThat(normalise(choice, "旁观者")).isEqualTo("!choice");
        assertThat(normalise(FieldSpec.optional("note", Type.TEXT), "字".repeat(2000))).isEqualTo("字".repeat(2000));
        assertThat(normalise(FieldSpec.optional("note", Type.TEXT), "字".repeat(2001))).isEqualTo("!too-long");
    }
}
