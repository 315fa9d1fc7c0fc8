package cn.huren.plugins.neimenggu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.PartyRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistryIntakeUnitTest {

    private static PartyRegistry.Snapshot snapshot(Map<String, String> fields, List<PartyRegistry.Document> documents) {
        return new PartyRegistry.Snapshot(7, "NATURAL_PERSON", "蒙示例", "150102198002010011", 3, fields, documents, List.of(),
                Instant.EPOCH);
    }

    private static RegistryIntake intake(Map<String, Object> config) {
        return new RegistryIntake(null, () -> new ConfigValues(config), null, null, null, null, null, null);
    }

    @Test
    @DisplayName("NMG-10: the defaults for a natural person name each missing field, with its labels and the page that fixes it")
    void defaultsListEachMissingField() {
        List<RegistryIntake.Missing> missing = intake(Map.of()).missing(snapshot(Map.of("name", "蒙示例", "residentId", "150102198002010011"), List.of()));
        assertThat(missing).extracting(RegistryIntake.Missing::key).containsExactly("fields.contactPhone", "fields.email", "fields.address");
        assertThat(missing.get(2).labelZh()).isEqualTo("地址");
        assertThat(missing.get(2).link()).isEqualTo("/registry/basic-info");
    }

    @Test
    @DisplayName("NMG-10: the tenant's configuration replaces the defaults (comma-separated, also the Chinese comma); documents by category")
    void configuredRequirements() {
        RegistryIntake intake = intake(Map.of(NeimengguSchema.REQUIRED_FIELDS, "name， address ,", NeimengguSchema.REQUIRED_DOCUMENTS, "OTHER"));
        PartyRegistry.Snapshot without = snapshot(Map.of("name", "x", "address", "y"), List.of());
        assertThat(intake.missing(without)).extracting(RegistryIntake.Missing::key).containsExactly("documents.OTHER");
        assertThat(intake.missing(without).get(0).link()).as("电子件管理").isEqualTo("/p/neimenggu/documents");
        PartyRegistry.Snapshot with = snapshot(Map.of("name", "x", "address", "y"),
                List.of(new PartyRegistry.Document("a", "OTHER", "id.pdf", "application/pdf", 10, "00", Instant.EPOCH)));
        assertThat(intake.missing(with)).isEmpty();
    }

    @Test
    @DisplayName("phone, ID and e-mail are masked wherever shown")
    void masks() {
        assertThat(Masks.mobile("13912345678")).isEqualTo("139****5678");
        assertThat(Masks.residentId("150102198002010011")).isEqualTo("1501**********0011");
        assertThat(Masks.email("person@example.com")).isEqualTo("p***@example.com");
    }
}
