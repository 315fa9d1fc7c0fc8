package cn.huren.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginApiTest {

    @Test
    @DisplayName("no public signature of the plugin API names a Spring, JDBC or Jackson type: the host wraps them")
    void plainJavaSurface() throws IOException, ClassNotFoundException {
        List<String> offending = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            List<Type> used = new ArrayList<>();
            for (Method m : type.getDeclaredMethods()) {
                if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                    used.add(m.getGenericReturnType());
                    used.addAll(List.of(m.getGenericParameterTypes()));
                }
            }
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    used.add(c.getGenericType());
                }
            }
            used.stream().map(Type::getTypeName)
                    .filter(n -> n.contains("org.springframework") || n.contains("com.fasterxml") || n.contains("java.sql"))
                    .forEach(n -> offending.add(type.getSimpleName() + ": " + n));
        }
        assertThat(offending).isEmpty();
    }

    @Test
    @DisplayName("typed core event data reads the keys of the event body; a key the event does not carry reads as null")
    void typedCoreEventData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("trackRecordId", 7);
        data.put("projectId", 3L);
        data.put("projectName", "宁溧高速");
        data.put("board", "CONSTRUCTION");
        data.put("status", "VOIDED");
        data.put("usableInBidding", false);
        data.put("useCount", 2);
        data.put("voidReason", null);
        CoreEvent voided = new CoreEvent(CoreEventTypes.TRACK_RECORD_VOIDED, "12", data, null);

        assertThat(voided.trackRecord()).contains(
                new CoreEventData.TrackRecordChange(7L, 3L, "宁溧高速", "CONSTRUCTION", "VOIDED", false, 2L, null));
        assertThat(voided.registryRecord()).isEmpty();
        assertThat(voided.certificateRevocation()).isEmpty();
        assertThat(voided.partyChange()).isEmpty();

        CoreEvent revoked = new CoreEvent(CoreEventTypes.CERTIFICATE_REVOKED, "12",
                Map.of("serial", "0A1B", "issuer", "CN=CA", "status", "REVOKED", "cause", "CA_REVOKED"), null);
        assertThat(revoked.certificateRevocation()).contains(
                new CoreEventData.CertificateRevocation("0A1B", "CN=CA", "REVOKED", "CA_REVOKED", null));
        // a key the event lacks reads as null: a listener never breaks the core's change over it
        CoreEvent partial = new CoreEvent(CoreEventTypes.TRACK_RECORD_VOIDED, "12", Map.of("status", "VOIDED"), null);
        assertThat(partial.trackRecord()).contains(new CoreEventData.TrackRecordChange(null, null, null, null, "VOIDED", false, null, null));
        assertThat(CoreEventTypes.ALL).contains(CoreEventTypes.TRACK_RECORD_VOIDED, CoreEventTypes.CERTIFICATE_REVOKED).doesNotHaveDuplicates();
    }

    private static List<Class<?>> apiClasses() throws IOException, ClassNotFoundException {
        Path dir = Path.of(CoreEvent.class.getProtectionDomain().getCodeSource().getLocation().getPath(), "cn/huren/plugin/api");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (!name.equals("package-info")) {
                    classes.add(Class.forName("cn.huren.plugin.api." + name));
                }
            }
        }
        assertThat(classes).hasSizeGreaterThan(20);
        return classes;
    }
}
