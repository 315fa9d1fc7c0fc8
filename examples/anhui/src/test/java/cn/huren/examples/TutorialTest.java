package cn.huren.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md's tutorial quotes this module: each block marked {@code <!-- file: path -->} is that
 * file as it is here, and every file of the module (but this test) is quoted. The reactor builds and
 * tests the module, so the tutorial's plugin compiles, starts and passes its test.
 */
class TutorialTest {

    private static final Pattern QUOTED = Pattern.compile("<!-- file: (\\S+) -->\\R```[a-z]*\\R(.*?)\\R```", Pattern.DOTALL);

    @Test
    @DisplayName("every file of the example plugin is quoted in docs/plugins.md exactly as it is")
    void tutorialQuotesTheExample() throws IOException {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path root = module.resolve("../..").normalize();
        Map<String, String> quoted = new LinkedHashMap<>();
        Matcher m = QUOTED.matcher(Files.readString(root.resolve("docs/plugins.md")));
        while (m.find()) {
            quoted.put(m.group(1), m.group(2));
        }
        for (Map.Entry<String, String> q : quoted.entrySet()) {
            assertThat(Files.readString(root.resolve(q.getKey())).strip()).as(q.getKey()).isEqualTo(q.getValue().strip());
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(module.resolve("src"))) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("TutorialTest.java"))
                    .map(p -> root.relativize(p).toString()).toList();
        }
        assertThat(quoted.keySet()).containsAll(files).contains(root.relativize(module.resolve("pom.xml")).toString());
    }
}
