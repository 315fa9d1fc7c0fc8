package cn.huren.server.registry;

import cn.huren.plugin.api.PartyDocuments;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.party.Attachments;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The host service {@link PartyDocuments} (NMG-09 电子件管理): a party's own documents are {@link Attachments} (their
 * checks, limit, quota and storage) with a category in {@code party_document}; upload and removal are ledger entries
 * in the same transaction. Bound to the current tenant: its schema holds the party and the files.
 */
@Component
class PluginPartyDocuments implements PartyDocuments {

    private static final Set<String> CATEGORIES = Arrays.stream(Category.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> SNIFFED = Set.of("application/pdf", "image/jpeg", "image/png");

    private final Attachments attachments;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ChangeLedger ledger;
    private final Clock clock;

    PluginPartyDocuments(Attachments attachments, TenantData data, TransactionTemplate tx, ChangeLedger ledger, Clock clock) {
        this.attachments = attachments;
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public List<PartyRegistry.Document> list(long partyId) {
        TenantContext.require();
        return tx.execute(s -> {
            requireParty(partyId);
            return jdbc.sql("""
                            select a.id, d.category, a.file_name, a.media_type, a.size, a.sha256, a.created_at
                            from party_document d join attachment a on a.id = d.attachment_id
                            where d.party_id = ? and a.party_id = d.party_id order by a.created_at, a.id""")
                    .param(partyId)
                    .query((rs, n) -> new PartyRegistry.Document(rs.getString("id"), rs.getString("category"),
                            rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"),
                            rs.getTimestamp("created_at").toInstant()))
                    .list();
        });
    }

    @Override
    public PartyRegistry.Document upload(long partyId, String category, String fileName, String contentType, byte[] content,
                                         String actor) {
        TenantContext.require();
        String cat = category == null ? "" : category.strip().toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(cat)) {
            throw new PluginProblem(400, "document-category", "未知的电子件类别 / unknown document category: " + category,
                    List.of(new PluginProblem.FieldProblem("category", "须为 " + CATEGORIES + " 之一 / one of " + CATEGORIES)));
        }
        try {
            return tx.execute(s -> {
                requireParty(partyId);
                Attachments.AttachmentView file = attachments.store(partyId, fileName, content);
                String declared = declared(contentType);
                if (declared != null && !declared.equals(file.mediaType())) {
                    // the content decides the type; a client that declares another is refused (nothing stored: rolled back)
                    throw new ApiException(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-disguised",
                            "the file is declared as " + declared + " but its content is " + file.mediaType());
                }
                java.time.Instant now = clock.instant();
                jdbc.sql("insert into party_document (attachment_id, party_id, category, created_at) values (?, ?, ?, ?)")
                        .params(file.id(), partyId, cat, Timestamp.from(now)).update();
                ledger.append(actor(actor), "party-document", partyId + "/" + file.id(), "UPLOAD", Map.of("category", cat,
                        "fileName", file.fileName(), "mediaType", file.mediaType(), "size", file.size(), "sha256", file.sha256()));
                return new PartyRegistry.Document(file.id().toString(), cat, file.fileName(), file.mediaType(), file.size(),
                        file.sha256(), jdbc.sql("select created_at from attachment where id = ?").param(file.id())
                        .query((rs, n) -> rs.getTimestamp(1).toInstant()).single());
            });
        } catch (ApiException e) {
            throw new PluginProblem(e.status().value(), e.kind(), e.getMessage(), e.errors().stream()
                    .map(f -> new PluginProblem.FieldProblem(f.field(), f.message())).toList());
        }
    }

    @Override
    public void remove(long partyId, String documentId, String actor) {
        TenantContext.require();
        Optional<UUID> id = uuid(documentId);
        tx.executeWithoutResult(s -> {
            requireParty(partyId);
            Optional<Map<String, Object>> row = id.flatMap(i -> jdbc.sql("""
                            select d.category, a.file_name, a.sha256 from party_document d join attachment a on a.id = d.attachment_id
                            where d.attachment_id = ? and d.party_id = ? and a.party_id = d.party_id for update of d""")
                    .params(i, partyId)
                    .query((rs, n) -> Map.<String, Object>of("category", rs.getString(1), "fileName", rs.getString(2),
                            "sha256", rs.getString(3)))
                    .optional());
            if (row.isEmpty()) {
                throw notFound();
            }
            jdbc.sql("delete from party_document where attachment_id = ?").param(id.get()).update();
            // the file goes unless the registry cites it (a registration document, a void's evidence, a claim)
            int deleted = jdbc.sql("""
                            delete from attachment a where a.id = ? and a.party_id = ?
                            and not exists (select 1 from registration_document r where r.attachment_id = a.id)
                            and not exists (select 1 from registry_record r where r.void_evidence_id = a.id)
                            and not exists (select 1 from project p where p.void_evidence_id = a.id)
                            and not exists (select 1 from track_record t where t.void_evidence_id = a.id
                                            or position(a.id::text in t.completion_documents) > 0)
                            and not exists (select 1 from certificate_binding b where b.void_evidence_id = a.id)
                            and not exists (select 1 from enterprise_claim c where c.licence_id = a.id or c.letter_id = a.id)""")
                    .params(id.get(), partyId).update();
            Map<String, Object> content = new java.util.LinkedHashMap<>(row.get());
            content.put("fileDeleted", deleted > 0);
            ledger.append(actor(actor), "party-document", partyId + "/" + id.get(), "REMOVE", content);
        });
    }

    /** The plugin names the actor; the ledger's column holds 128 characters. */
    private static String actor(String actor) {
        String a = actor == null || actor.isBlank() ? "plugin" : actor.strip();
        return a.length() <= 128 ? a : a.substring(0, 128);
    }

    private void requireParty(long partyId) {
        boolean exists = jdbc.sql("select count(*) from party where id = ?").param(partyId).query(Long.class).single() > 0;
        if (!exists) {
            throw new PluginProblem(404, "party-not-found", "主体库中没有该主体 / no such party in the registry");
        }
    }

    private static PluginProblem notFound() {
        return new PluginProblem(404, "document-not-found", "没有该电子件 / no such document");
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** The declared type when it is one the core reads from content; anything else (octet-stream, none) says nothing. */
    private static String declared(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String t = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (t.equals("image/jpg") || t.equals("image/pjpeg")) {
            t = "image/jpeg";
        }
        return SNIFFED.contains(t) ? t : null;
    }
}
