package cn.huren.server.party;

import cn.huren.server.support.Hashes;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A party's files (licences, evidence for voids, completion documents), kept in the tenant's
 * schema. The type is read from the content (PDF, JPEG, PNG), never trusted from the name; a name
 * that claims another type is refused as disguised. Only the owning party reads them back.
 */
@Component
public class Attachments {

    /** What is kept about a file; the SHA-256 goes into ledger entries that cite it. */
    public record AttachmentView(UUID id, long partyId, String fileName, String mediaType, long size, String sha256) {
    }

    private final JdbcClient jdbc;
    private final long maxBytes;
    private final int perPartyPerDay;
    private final java.time.Clock clock;

    Attachments(TenantData data, @Value("${huren.attachments.max-bytes:20971520}") long maxBytes,
                @Value("${huren.attachments.per-party-per-day:100}") int perPartyPerDay, java.time.Clock clock) {
        this.jdbc = data.jdbc();
        this.maxBytes = maxBytes;
        this.perPartyPerDay = perPartyPerDay;
        this.clock = clock;
    }

    @Transactional
    public AttachmentView store(long partyId, String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw ApiException.badRequest("attachment-empty", "the file is empty");
        }
        if (content.length > maxBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "attachment-too-large",
                    "the file has " + content.length + " bytes; at most " + maxBytes + " are accepted");
        }
        String mediaType = sniff(content).orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "attachment-type", "only PDF, JPEG and PNG files are accepted; this file's content is none of them"));
        String name = fileName == null || fileName.isBlank() ? "file" : fileName.strip();
        String claimed = claimedType(name);
        if (claimed != null && !claimed.equals(mediaType)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-disguised",
                    "the file is named as " + claimed + " but its content is " + mediaType);
        }
        // a party's uploads are bounded (uploads are the one way for a signed-in person to fill the tenant's database)
        Instant now = clock.instant();
        long today = jdbc.sql("select count(*) from attachment where party_id = ? and created_at > ?")
                .params(partyId, Timestamp.from(now.minus(java.time.Duration.ofDays(1)))).query(Long.class).single();
        if (today >= perPartyPerDay) {
            throw new cn.huren.server.support.TooManyRequests("attachment-quota", "at most " + perPartyPerDay
                    + " files a day may be uploaded; try again tomorrow", java.time.Duration.ofHours(1));
        }
        AttachmentView view = new AttachmentView(UUID.randomUUID(), partyId, truncate(name), mediaType, content.length, Hashes.sha256Hex(content));
        jdbc.sql("""
                insert into attachment (id, party_id, file_name, media_type, size, sha256, content, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(view.id(), partyId, view.fileName(), mediaType, view.size(), view.sha256(), content, Timestamp.from(now))
                .update();
        return view;
    }

    /** The attachment if it belongs to this party; another party's is as absent as a missing one. */
    @Transactional(readOnly = true)
    public Optional<AttachmentView> find(long partyId, UUID id) {
        return jdbc.sql("select id, party_id, file_name, media_type, size, sha256 from attachment where id = ? and party_id = ?")
                .params(id, partyId)
                .query((rs, n) -> new AttachmentView(rs.getObject("id", UUID.class), rs.getLong("party_id"),
                        rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256")))
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<byte[]> content(long partyId, UUID id) {
        return jdbc.sql("select content from attachment where id = ? and party_id = ?").params(id, partyId)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    /**
     * APP-67: a dissolved enterprise's files and registration documents are deleted; a file that is the evidence of a
     * void (a registry record's or a certificate binding's, kept for ever, JS-81) stays. Returns how many were deleted.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int eraseOf(long partyId) {
        jdbc.sql("delete from registration_document where party_id = ?").param(partyId).update();
        return jdbc.sql("""
                        delete from attachment a where a.party_id = ?
                        and not exists (select 1 from registry_record r where r.void_evidence_id = a.id)
                        and not exists (select 1 from certificate_binding b where b.void_evidence_id = a.id)""")
                .param(partyId).update();
    }

    static Optional<String> sniff(byte[] c) {
        if (starts(c, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of("application/pdf");
        }
        if (starts(c, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(c, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String claimedType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        return null;
    }

    private static String truncate(String name) {
        return name.length() <= 255 ? name : name.substring(name.length() - 255);
    }
}
