package cn.huren.server.handover;

import cn.huren.server.party.Attachments;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's reviewer reads the sealed letter of a handover (APP-79) or an appeal (APP-80) it decides on. */
@RestController
@Tag(name = "Reviews")
class ReviewerLetterController {

    private final Handovers handovers;
    private final Attachments attachments;
    private final TenantDirectory tenants;

    ReviewerLetterController(Handovers handovers, Attachments attachments, TenantDirectory tenants) {
        this.handovers = handovers;
        this.attachments = attachments;
        this.tenants = tenants;
    }

    @GetMapping("/api/review/{code}/admin-handovers/{id}/letter")
    @Operation(summary = "APP-79, APP-80: the sealed letter (PDF, JPEG or PNG) of a handover or appeal, for the tenant's reviewer")
    ResponseEntity<byte[]> letter(@PathVariable String code, @PathVariable long id) {
        return TenantContext.callAs(tenants.require(code), () -> {
            Handover h = handovers.find(id).filter(x -> x.letterId() != null)
                    .orElseThrow(() -> ApiException.notFound("handover-not-found", "no handover or appeal " + id + " with a letter"));
            long party = handovers.submitterParty(id).orElseThrow();
            Attachments.AttachmentView file = attachments.find(party, h.letterId())
                    .orElseThrow(() -> ApiException.notFound("attachment-not-found", "the letter is gone"));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                    .header("Content-Disposition", ContentDisposition.inline().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                    .body(attachments.content(party, h.letterId()).orElseThrow());
        });
    }
}
