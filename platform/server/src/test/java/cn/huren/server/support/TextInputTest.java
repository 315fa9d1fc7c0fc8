package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextInputTest {

    @Test
    @DisplayName("U+0000 and lone surrogates are refused; other text, emoji (surrogate pairs) and control characters are not")
    void refusal() {
        assertThat(TextInput.refusal("名字 \t\u0001 😀 x")).isNull();
        assertThat(TextInput.refusal("a\u0000b")).contains("U+0000");
        assertThat(TextInput.refusal("a\uD800b")).contains("D800");
        assertThat(TextInput.refusal("\uDC00")).contains("DC00");
        assertThat(TextInput.refusal("😀".substring(0, 1))).isNotNull();
    }

    @Test
    @DisplayName("in JSON text, the escapes \\u0000 and a lone \\ud800 are refused too, naming the member; an escaped backslash or a surrogate pair is not")
    void json() {
        assertThat(TextInput.error("data", "{\"a\":\"x\\u0000\"}", null, true).message()).contains("U+0000");
        assertThat(TextInput.error("data", "{\"a\":\"x\\u0000\"}", null, true).field()).as("the member holding it").isEqualTo("a");
        assertThat(TextInput.error("basicInfo", "{\"roles\":[\"\\u0000\"]}", null, true).field()).as("an array element: the column").isEqualTo("basicInfo");
        assertThat(TextInput.error("data", "[\"\\ud800x\"]", null, true)).isNotNull();
        assertThat(TextInput.error("data", "{\"a\":\"\\\\u0000\"}", null, true)).isNull();
        assertThat(TextInput.error("data", "{\"a\":\"\\ud83d\\ude00\"}", null, true)).isNull();
        assertThat(TextInput.error("note", "\\u0000 as plain text", null, true)).isNull();
    }

    @Test
    @DisplayName("in a plain text column, text starting with { that holds a typed \\u0000 is text, not JSON")
    void plainTextLikeJson() {
        assertThat(TextInput.error("note", "{\"a\":\"\\u0000\"}", 200, false)).isNull();
        assertThat(TextInput.error("note", "{ \\ud800", 200, false)).isNull();
        assertThat(TextInput.error("note", "{\u0000", 200, false)).as("a real U+0000 is refused anywhere").isNotNull();
    }

    @Test
    @DisplayName("text made storable (third-party answers, certificate names): a pair straddling the cut is dropped whole, U+0000 replaced")
    void storableCut() {
        String text = "x".repeat(496) + "😀" + "\u0000tail";
        String stored = TextInput.storable(text, 497);
        assertThat(stored).hasSize(496);
        assertThat(TextInput.error("lastError", stored, 500, false)).isNull();
        assertThat(TextInput.storable("a\u0000b", 10)).isEqualTo("a\uFFFDb");
    }

    @Test
    @DisplayName("a length is counted in characters, as PostgreSQL counts varchar(n)")
    void length() {
        assertThat(TextInput.error("f", "😀😀", 2, false)).isNull();
        assertThat(TextInput.error("f", "abc", 2, false).message()).isEqualTo("at most 2 characters");
    }

    @Test
    @DisplayName("what the operation log stores is always storable: refused characters replaced, cut to the length, pairs kept whole")
    void storable() {
        assertThat(TextInput.storable("a\u0000b\uD800", 10)).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(TextInput.storable("abcdef", 3)).isEqualTo("abc");
        assertThat(TextInput.storable("ab😀", 3)).isEqualTo("ab");
        assertThat(TextInput.storable(null, 3)).isNull();
    }
}
