package cn.huren.server.enterprisechange;

import cn.huren.server.party.Attachments;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the tenant's reviewer reads before deciding an enterprise change (/api/review/{code}/enterprise-changes/{id}, that
 * tenant's reviewers only): the request with the legal representative's numbers in full, and the sealed letter itself.
 */
@RestController
@Tag(name = "Reviews")
class ChangeReviewController {

    /** The request as the reviewer sees it: the enterprise's USCC, the numbers unmasked. */
    record ForReview(EnterpriseChange change, String uscc, String legalRepresentativeDocument, String legalRepresentativeMobile,
                     String letterPath) {
    }

    private static final String BASE = "/api/review/{code}/enterprise-changes/{id}";

    private final TenantDirectory tenants;
    private final TenantData data;
    private final TransactionTemplate tx;
    private final EnterpriseChanges changes;
    private final Attachments attachments;

    ChangeReviewController(TenantDirectory tenants, TenantData data, TransactionTemplate tx, EnterpriseChanges changes, Attachments attachments) {
        this.tenants = tenants;
        this.data = data;
        this.tx = tx;
        this.changes = changes;
        this.attachments = attachments;
    }

    @GetMapping(BASE)
    @Operation(summary = "An enterprise change in full for the tenant's reviewer (the legal representative's numbers unmasked)")
    ForReview one(@PathVariable String code, @PathVariable long id) {
        return tenants.callAs(code, () -> tx.execute(s -> {
            EnterpriseChange c = changes.find(id).orElseThrow(() -> EnterpriseChanges.notFound(id));
            record Clear(String uscc, String document, String mobile) {
            }
            Clear clear = data.jdbc().sql("""
                            select p.uscc, c.legal_rep_document, c.legal_rep_mobile from enterprise_change c join party p on p.id = c.enterprise_id
                            where c.id = ?""").param(id)
                    .query((rs, n) -> new Clear(rs.getString(1), rs.getString(2), rs.getString(3))).single();
            return new ForReview(c, clear.uscc(), clear.document(), clear.mobile(), "/api/review/" + code + "/enterprise-changes/" + id + "/letter");
        }));
    }

    @GetMapping(BASE + "/letter")
    @Operation(summary = "The sealed authorisation letter (X-08) of an enterprise change, as uploaded (PDF, JPEG or PNG)")
    ResponseEntity<byte[]> letter(@PathVariable String code, @PathVariable long id) {
        return tenants.callAs(code, () -> tx.execute(s -> {
            EnterpriseChange c = changes.find(id).orElseThrow(() -> EnterpriseChanges.notFound(id));
            long party = data.jdbc().sql("select party_id from account where id = ?").param(c.requestedBy()).query(Long.class).single();
            UUID letter = c.letterId();
            Attachments.AttachmentView view = attachments.find(party, letter)
                    .orElseThrow(() -> ApiException.notFound("letter-not-found", "the letter of change " + id + " is gone"));
            byte[] content = attachments.content(party, letter).orElseThrow();
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(view.mediaType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                    .header("X-Content-Type-Options", "nosniff").body(content);
        }));
    }
}
