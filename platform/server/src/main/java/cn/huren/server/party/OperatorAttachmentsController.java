package cn.huren.server.party;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 4: besides the owning party, the platform's operators may read a tenant's attachments (for
 * review and disputes), and a tenant's reviewers their own tenant's (the letters, licences and evidence of what they
 * review: the platform chain lets a reviewer reach /api/review/{its tenant}/… only); every such download is in the
 * operation log.
 */
@RestController
class OperatorAttachmentsController {

    private final Attachments attachments;
    private final TenantDirectory tenants;
    private final OperationLog operations;

    OperatorAttachmentsController(Attachments attachments, TenantDirectory tenants, OperationLog operations) {
        this.attachments = attachments;
        this.tenants = tenants;
        this.operations = operations;
    }

    @GetMapping("/api/platform/tenants/{code}/parties/{partyId}/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable String code, @PathVariable long partyId, @PathVariable UUID id) {
        return operations.record("attachment.download", code + "/party:" + partyId + "/" + id, null, () -> file(code, partyId, id));
    }

    /** A reviewer's read: logged with every file served under /api/review (operator.ReviewDownloadLog). */
    @GetMapping("/api/review/{code}/parties/{partyId}/attachments/{id}")
    ResponseEntity<byte[]> review(@PathVariable String code, @PathVariable long partyId, @PathVariable UUID id) {
        return file(code, partyId, id);
    }

    private ResponseEntity<byte[]> file(String code, long partyId, UUID id) {
        return TenantContext.callAs(tenants.require(code), () -> {
            Attachments.AttachmentView file = attachments.find(partyId, id)
                    .orElseThrow(() -> ApiException.notFound("attachment-not-found", "no such attachment of this party"));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                    .header("Content-Disposition", ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8)
                            .build().toString())
                    .header("X-Content-SHA256", file.sha256())
                    .body(attachments.content(partyId, id).orElseThrow());
        });
    }
}
