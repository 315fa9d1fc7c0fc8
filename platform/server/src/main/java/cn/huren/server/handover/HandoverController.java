package cn.huren.server.handover;

import cn.huren.server.membership.Memberships;
import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** APP-78–80 over the API: /api/t/{tenant}/me/enterprises/{id}/handover… and …/appeals (an account session). */
@RestController
@Tag(name = "Enterprises")
class HandoverController {

    record StatementRequest(Long toAccountId) {
    }

    /** WITH_CERTIFICATE: statementId, certificate (PEM or base64 DER), signature (base64); WITH_LETTER: toAccountId, letterId. */
    record HandoverRequest(String kind, UUID statementId, String certificate, String signature, Long toAccountId, UUID letterId) {
    }

    record AppealRequest(String reason, UUID letterId) {
    }

    private final Handovers handovers;

    HandoverController(Handovers handovers) {
        this.handovers = handovers;
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/handover")
    @Operation(summary = "APP-78–80: the enterprise's handovers and appeals (the administrator: all; staff: their own), newest first")
    List<Handover> list(PartyAccess me, @PathVariable long enterpriseId) {
        return handovers.list(me, enterpriseId);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/handover/candidates")
    @Operation(summary = "APP-78: the staff members the administrator may hand the role to")
    List<Memberships.Member> candidates(PartyAccess me, @PathVariable long enterpriseId) {
        return handovers.candidates(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/handover/statements")
    @Operation(summary = "APP-78: a fresh handover statement naming the tenant, enterprise and both persons, to sign with an enterprise "
            + "certificate within 10 minutes (its text, UTF-8, is the signed message)")
    ResponseEntity<Handovers.Statement> statement(PartyAccess me, @PathVariable long enterpriseId, @RequestBody StatementRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(handovers.statement(me, enterpriseId, body == null ? null : body.toAccountId()));
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/handover")
    @Operation(summary = "APP-78: kind WITH_CERTIFICATE — the signed statement: the roles swap at once (200, DONE); "
            + "APP-79: kind WITH_LETTER — the sealed letter naming the staff member, to the tenant's reviewer (201, SUBMITTED)")
    ResponseEntity<Handover> handOver(PartyAccess me, @PathVariable long enterpriseId, @RequestBody HandoverRequest body) {
        String kind = body == null || body.kind() == null ? "" : body.kind();
        return switch (kind) {
            case "WITH_CERTIFICATE" -> ResponseEntity.ok(handovers.handOverWithCertificate(me, enterpriseId, body.statementId(), body.certificate(),
                    body.signature()));
            case "WITH_LETTER" -> ResponseEntity.status(HttpStatus.CREATED).body(handovers.handOverWithLetter(me, enterpriseId, body.toAccountId(),
                    body.letterId()));
            default -> throw cn.huren.server.support.ApiException.invalid(List.of(new cn.huren.server.support.ApiException.FieldError("kind",
                    "WITH_CERTIFICATE or WITH_LETTER")));
        };
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/appeals")
    @Operation(summary = "APP-80: a staff member applies to become administrator with a reason and a sealed letter (purpose APPEAL), to the tenant's reviewer")
    ResponseEntity<Handover> appeal(PartyAccess me, @PathVariable long enterpriseId, @RequestBody AppealRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(handovers.appeal(me, enterpriseId, body == null ? null : body.reason(),
                body == null ? null : body.letterId()));
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/handover/{handoverId}/withdrawal")
    @Operation(summary = "The submitter withdraws a handover by letter or an appeal while it waits for review")
    Handover withdraw(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long handoverId) {
        return handovers.withdraw(me, enterpriseId, handoverId);
    }
}
