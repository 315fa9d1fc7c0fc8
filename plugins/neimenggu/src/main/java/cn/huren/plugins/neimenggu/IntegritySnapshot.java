package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The integrity information (诚信信息) of a party as it is pushed to Hohhot (docs/openapi/hohhot-platform.yaml,
 * {@code IntegritySnapshot}): basic fields, documents (with their SHA-256), registry records. Its {@link #digest}
 * is the SHA-256 of its canonical JSON, which both sides compute the same way: the sync states what it sent, Hohhot
 * checks what it got, and the completeness comparison (NMG-18) compares the two.
 */
record IntegritySnapshot(String kind, String name, String identifier, Map<String, String> fields, List<Document> documents,
                         List<Record> records) {

    static final ObjectMapper JSON = new ObjectMapper();

    record Document(String id, String category, String fileName, long size, String sha256) {
    }

    record Record(long id, String kind, String status, String title, long version) {
    }

    IntegritySnapshot {
        fields = fields == null ? Map.of() : new TreeMap<>(fields);
        documents = documents == null ? List.of() : List.copyOf(documents);
        records = records == null ? List.of() : List.copyOf(records);
    }

    static IntegritySnapshot of(PartyRegistry.Snapshot s) {
        return new IntegritySnapshot(s.kind(), s.name(), s.identifier(), s.fields(),
                s.documents().stream().map(d -> new Document(d.id(), d.category(), d.fileName(), d.size(), d.sha256()))
                        .sorted(Comparator.comparing(Document::id)).toList(),
                s.records().stream().map(r -> new Record(r.id(), r.kind(), r.status(), r.title(), r.version()))
                        .sorted(Comparator.comparingLong(Record::id)).toList());
    }

    /** As JSON values (maps, lists, strings, numbers), e.g. for a {@code SyncEvent}'s data. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", name);
        m.put("identifier", identifier);
        m.put("fields", new TreeMap<>(fields));
        List<Object> docs = new ArrayList<>();
        for (Document d : documents) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("id", d.id());
            dm.put("category", d.category());
            dm.put("fileName", d.fileName());
            dm.put("size", d.size());
            dm.put("sha256", d.sha256());
            docs.add(dm);
        }
        m.put("documents", docs);
        List<Object> recs = new ArrayList<>();
        for (Record r : records) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("id", r.id());
            rm.put("kind", r.kind());
            rm.put("status", r.status());
            rm.put("title", r.title());
            rm.put("version", r.version());
            recs.add(rm);
        }
        m.put("records", recs);
        return m;
    }

    String digest() {
        return digest(JSON.valueToTree(toMap()));
    }

    /** Reads a snapshot as the contract writes it; missing parts are empty. */
    static IntegritySnapshot fromJson(JsonNode n) {
        Map<String, String> fields = new TreeMap<>();
        n.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        List<Document> documents = new ArrayList<>();
        for (JsonNode d : n.path("documents")) {
            documents.add(new Document(d.path("id").asText(), d.path("category").asText(), d.path("fileName").asText(),
                    d.path("size").asLong(), d.path("sha256").asText()));
        }
        List<Record> records = new ArrayList<>();
        for (JsonNode r : n.path("records")) {
            records.add(new Record(r.path("id").asLong(), r.path("kind").asText(), r.path("status").asText(), r.path("title").asText(),
                    r.path("version").asLong()));
        }
        return new IntegritySnapshot(text(n, "kind"), text(n, "name"), text(n, "identifier"), fields, documents, records);
    }

    /**
     * Hex SHA-256 of the canonical form of a JSON value: UTF-8, no whitespace, object members sorted by name
     * (recursively) and those whose value is null left out, arrays in their order, numbers as Jackson writes them.
     */
    static String digest(JsonNode value) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(canonical(value));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode value) {
        if (value.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            TreeMap<String, JsonNode> members = new TreeMap<>();
            value.fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue()));
            members.forEach((k, v) -> {
                if (!v.isNull()) {
                    sorted.set(k, canonical(v));
                }
            });
            return sorted;
        }
        if (value.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            value.forEach(v -> array.add(canonical(v)));
            return array;
        }
        return value;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
