package cn.huren.server.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where plugin jars are looked for: each directory of {@code huren.plugins-dir} (comma-separated;
 * default {@code plugins}), plus its {@code *}/target sub-directories, so that the server run from
 * the repository root finds the plugins Maven just built.
 */
@Component
class PluginDirectories {

    private final String configured;

    PluginDirectories(@Value("${huren.plugins-dir:}") String configured) {
        this.configured = configured;
    }

    List<Path> roots() {
        String value = configured == null || configured.isBlank() ? "plugins" : configured;
        List<Path> roots = new ArrayList<>();
        for (String entry : value.split(",")) {
            Path dir = Path.of(entry.trim()).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            roots.add(dir);
            try (Stream<Path> children = Files.list(dir)) {
                children.map(c -> c.resolve("target")).filter(Files::isDirectory).sorted().forEach(roots::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return roots;
    }

    @Override
    public String toString() {
        return Arrays.toString(roots().toArray());
    }
}
