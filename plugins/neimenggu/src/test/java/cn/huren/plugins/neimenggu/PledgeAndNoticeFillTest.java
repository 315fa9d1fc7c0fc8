package cn.huren.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PledgeAndNoticeFillTest {

    @Test
    @DisplayName("the documents are filled in one pass: a name that contains a placeholder stays as written, the ID is not pasted into it")
    void onePass() {
        String text = PledgeAndNotice.fill("本人{name}（{identifier}）向{platform}承诺。{unknown}",
                Map.of("name", "王{identifier}$1", "identifier", "150102199001011234", "platform", "平台"));

        assertThat(text).isEqualTo("本人王{identifier}$1（150102199001011234）向平台承诺。{unknown}");
    }
}
