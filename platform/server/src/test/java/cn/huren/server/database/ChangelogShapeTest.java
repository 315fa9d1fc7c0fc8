package cn.huren.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A merge of two branches that both appended a changeSet can drop one "- changeSet:" line; YAML then keeps only the
 * later of two ids in one map and Liquibase silently skips the earlier changeSet. Every id has its own list item.
 */
class ChangelogShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {"/db/tenant/changelog.yaml", "/db/platform/changelog.yaml"})
    @DisplayName("every changeSet id starts its own list item, and no id repeats")
    void oneIdPerChangeSet(String resource) throws IOException {
        String text;
        try (var in = getClass().getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String previous = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("      id: ")) {
                String id = line.substring(10).strip();
                if (!previous.equals("  - changeSet:")) {
                    problems.add(id + " does not follow a \"- changeSet:\" line");
                }
                if (ids.contains(id)) {
                    problems.add(id + " repeats");
                }
                ids.add(id);
            }
            previous = line;
        }
        assertThat(ids).isNotEmpty();
        assertThat(problems).isEmpty();
    }
}
