package cn.huren.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CopyComparisonTest {

    static final IntegritySnapshot REGISTRY = new IntegritySnapshot("NATURAL_PERSON", "蒙示例", "150105197903265015",
            Map.of("address", "呼和浩特市赛罕区", "phone", "13750000501", "email", "a@example.com"),
            List.of(new IntegritySnapshot.Document("d1", "ID_CARD_FRONT", "front.jpg", 10, "aa"),
                    new IntegritySnapshot.Document("d2", "OTHER", "cert.pdf", 20, "bb")),
            List.of(new IntegritySnapshot.Record(7, "person-qualification", "SUBMITTED", "一级建造师", 1)));

    @Test
    @DisplayName("NMG-18: an identical copy is 一致 row by row")
    void identical() {
        List<CopyComparison.Row> rows = CopyComparison.compare(REGISTRY, REGISTRY);
        assertThat(rows).extracting(CopyComparison.Row::match).containsOnly(CopyComparison.Match.CONSISTENT);
        assertThat(rows).extracting(CopyComparison.Row::section).contains("field", "document", "record");
        assertThat(rows).hasSize(2 + 3 + 2 + 1);
    }

    @Test
    @DisplayName("NMG-18: a field Hohhot lacks is 缺失, a document with another sha256 不一致, a missing document 缺失, a record only at Hohhot 不一致")
    void differences() {
        IntegritySnapshot hohhot = new IntegritySnapshot("NATURAL_PERSON", "蒙示例", "150105197903265015",
                Map.of("phone", "13750000501", "email", "b@example.com"),
                List.of(new IntegritySnapshot.Document("d1", "ID_CARD_FRONT", "front.jpg", 10, "zz")),
                List.of(new IntegritySnapshot.Record(7, "person-qualification", "SUBMITTED", "一级建造师", 1),
                        new IntegritySnapshot.Record(8, "person-qualification", "SUBMITTED", "旧证", 1)));
        Map<String, CopyComparison.Row> rows = CopyComparison.compare(REGISTRY, hohhot).stream()
                .collect(Collectors.toMap(r -> r.section() + ":" + r.key(), Function.identity()));
        assertThat(rows.get("field:address").match()).isEqualTo(CopyComparison.Match.MISSING);
        assertThat(rows.get("field:email").match()).isEqualTo(CopyComparison.Match.DIFFERENT);
        assertThat(rows.get("field:phone").match()).isEqualTo(CopyComparison.Match.CONSISTENT);
        assertThat(rows.get("field:phone").registry()).as("masked").isEqualTo("137****0501");
        assertThat(rows.get("field:identifier").registry()).doesNotContain("19790326");
        assertThat(rows.get("document:d1").match()).isEqualTo(CopyComparison.Match.DIFFERENT);
        assertThat(rows.get("document:d2").match()).isEqualTo(CopyComparison.Match.MISSING);
        assertThat(rows.get("record:7").match()).isEqualTo(CopyComparison.Match.CONSISTENT);
        assertThat(rows.get("record:8").match()).isEqualTo(CopyComparison.Match.DIFFERENT);
        assertThat(rows.get("record:8").registry()).isNull();
    }
}
