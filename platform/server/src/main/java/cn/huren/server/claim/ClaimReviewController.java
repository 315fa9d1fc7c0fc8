package cn.huren.server.claim;

import cn.huren.server.party.Attachments;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the tenant's reviewer (审核端) reads to decide a claim: the claim in full (the legal representative's number and
 * mobile unmasked: the reviewer checks them against the licence) and its documents. The decision is the queue's
 * ({@code /api/review/{code}/items/{id}/approve|reject}).
 */
@RestController
@Tag(name = "Reviews")
class ClaimReviewController {

    record ReviewerView(long id, String enterpriseName, String uscc, String state, String reason, String claimant, String legalRepresentativeName,
                        String legalRepresentativeDocumentType, String legalRepresentativeDocumentNumber, String legalRepresentativeMobile,
                        LocalDate licenceValidUntil, boolean licenceLongTerm, String platform, String ca, int validityYears,
                        String roamingRegions, List<UUID> documents, Instant createdAt) {
    }

    private final TenantDirectory tenants;
    private final cn.huren.server.tenancy.TenantData data;
    private final Attachments attachments;
    private final TransactionTemplate tx;

    ClaimReviewController(TenantDirectory tenants, cn.huren.server.tenancy.TenantData data, Attachments attachments,
                          PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
        this.tenants = tenants;
        this.data = data;
        this.attachments = attachments;
    }

    @GetMapping("/api/review/{code}/enterprise-claims/{id}")
    @Operation(summary = "A claim in full for the reviewer: documents first the licence, then the letter, then extra documents")
    ReviewerView get(@PathVariable String code, @PathVariable long id) {
        return tenants.callAs(code, () -> tx.execute(s -> view(data.jdbc(), id)));
    }

    @GetMapping("/api/review/{code}/enterprise-claims/{id}/documents/{document}")
    @Operation(summary = "One of the claim's documents (licence, letter, extra), as uploaded")
    ResponseEntity<byte[]> document(@PathVariable String code, @PathVariable long id, @PathVariable UUID document) {
        return tenants.callAs(code, () -> tx.execute(s -> {
            JdbcClient jdbc = data.jdbc();
            ReviewerView claim = view(jdbc, id);
            long person = jdbc.sql("select person_party_id from enterprise_claim where id = ?").param(id).query(Long.class).single();
            Attachments.AttachmentView file = claim.documents().contains(document) ? attachments.find(person, document).orElse(null) : null;
            if (file == null) {
                throw ApiException.notFound("document-not-found", "no document " + document + " of claim " + id);
            }
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                    .header("X-Content-Type-Options", "nosniff")
                    .body(attachments.content(person, document).orElseThrow());
        }));
    }

    private static ReviewerView view(JdbcClient jdbc, long id) {
        return jdbc.sql("select * from enterprise_claim where id = ?").param(id).query((rs, n) -> {
            List<UUID> documents = new ArrayList<>();
            documents.add(rs.getObject("licence_id", UUID.class));
            documents.add(rs.getObject("letter_id", UUID.class));
            String extras = rs.getString("extra_document_ids");
            if (extras != null && !extras.isEmpty()) {
                for (String e : extras.split(",")) {
                    documents.add(UUID.fromString(e));
                }
            }
            java.sql.Date until = rs.getDate("licence_valid_until");
            return new ReviewerView(rs.getLong("id"), rs.getString("enterprise_name"), rs.getString("uscc"), rs.getString("state"),
                    rs.getString("reason"), "account:" + rs.getLong("account_id"), rs.getString("legal_rep_name"),
                    rs.getString("legal_rep_document_type"), rs.getString("legal_rep_document_number"), rs.getString("legal_rep_mobile"),
                    until == null ? null : until.toLocalDate(), rs.getBoolean("licence_long_term"), rs.getString("platform"),
                    rs.getString("ca_name"), rs.getInt("validity_years"), rs.getString("roaming_regions"), documents,
                    rs.getTimestamp("created_at").toInstant());
        }).optional().orElseThrow(Claims::notFound);
    }
}
