package cn.huren.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A registry record as its owner and trading systems see it. {@link #usableInBidding()}: X-01.
 *
 * @param version bumped by every change; its ETag is what a change's If-Match names
 */
public record RecordView(long id, long partyId, Long parentId, RecordKind kind, RecordStatus status, Map<String, Object> data,
                         String voidReason, UUID voidEvidenceId, Instant createdAt, Instant updatedAt,
                         Instant submittedAt, Instant voidedAt, int version) {

    static final ObjectMapper JSON = cn.huren.server.support.StrictJson.mapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    public boolean usableInBidding() {
        return status == RecordStatus.SUBMITTED;
    }

    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
