package cn.huren.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

class ModuleBoundariesTest {

    /** Written by this test from the code, so the committed diagram cannot drift from it (docs/architecture.md). */
    static final String DIAGRAMS = "../../docs/modules";

    static final ApplicationModules MODULES = ApplicationModules.of(HurenApplication.class);

    @Test
    @DisplayName("feature packages depend only on the modules their package-info allows, through their public API, without cycles")
    void verify() {
        MODULES.verify();
    }

    @Test
    @DisplayName("the module diagram and canvases in docs/modules are written from the code")
    void document() throws IOException {
        DiagramOptions uml = DiagramOptions.defaults().withStyle(DiagramStyle.UML);
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DIAGRAMS))
                .writeModulesAsPlantUml(uml)
                .writeIndividualModulesAsPlantUml(uml)
                .writeModuleCanvases();
        sortArrows(Path.of(DIAGRAMS));
    }

    /** The end of the run of lines from {@code start} that are all {@code kind}. */
    private static int run(List<String> lines, int start, java.util.function.Predicate<String> kind) {
        int end = start;
        while (end < lines.size() && kind.test(lines.get(end))) {
            end++;
        }
        return end;
    }

    /**
     * The Documenter writes a diagram's components and arrows in hash order; sorted, a new module or dependency is a
     * one-line change in docs/modules, and a run that changes nothing leaves the files as they are.
     */
    static void sortArrows(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                int start = 0;
                while (start < lines.size()) {
                    int end = run(lines, start, line -> line.contains("].> "));
                    if (end == start) {
                        end = run(lines, start, line -> line.startsWith("component "));
                    }
                    Collections.sort(lines.subList(start, end));
                    start = Math.max(end, start + 1);
                }
                Files.write(file, lines);
            }
        }
    }
}
