package cn.huren.server.enterprisechange;

import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enterprise change and dissolution (/api/t/{tenant}/me/enterprises/{id}/changes…, …/dissolution; an account session). */
@RestController
@Tag(name = "Enterprises")
class EnterpriseChangeController {

    record Dissolve(String password, String code, Boolean confirm) {
    }

    private final EnterpriseChanges changes;
    private final Dissolutions dissolutions;

    EnterpriseChangeController(EnterpriseChanges changes, Dissolutions dissolutions) {
        this.changes = changes;
        this.dissolutions = dissolutions;
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/change-preconditions")
    @Operation(summary = "APP-62, APP-63: what a change needs now: the unfinished matters (none, to change) and the valid enterprise "
            + "certificates (a name change chooses one of them and sends the new key's CSR); the administrator only")
    EnterpriseChanges.Preconditions preconditions(PartyAccess me, @PathVariable long enterpriseId) {
        return changes.preconditions(me, enterpriseId);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/changes")
    @Operation(summary = "The enterprise's change requests, newest first")
    List<EnterpriseChange> list(PartyAccess me, @PathVariable long enterpriseId) {
        return changes.list(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/changes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-62–APP-65: the administrator asks for a change of the name (kind NAME: newName; certificateId and csr while "
            + "an enterprise certificate is valid) or of the legal representative (LEGAL_REPRESENTATIVE: name, document type and number, "
            + "mobile), with the sealed letter (letterId, X-08); 409 unfinished-matters; the tenant's reviewer decides")
    EnterpriseChange submit(PartyAccess me, @PathVariable long enterpriseId, @RequestBody EnterpriseChanges.Input body) {
        return changes.submit(me, enterpriseId, body == null ? new EnterpriseChanges.Input(null, null, null, null, null, null, null, null, null)
                : body);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/changes/{changeId}")
    @Operation(summary = "One change request")
    EnterpriseChange one(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long changeId) {
        return changes.get(me, enterpriseId, changeId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/changes/{changeId}/withdrawal")
    @Operation(summary = "The administrator withdraws a change still in review")
    EnterpriseChange withdraw(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long changeId) {
        return changes.withdraw(me, enterpriseId, changeId);
    }

    @GetMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/dissolution")
    @Operation(summary = "APP-66: what blocks the dissolution: valid certificates not disabled, unfinished matters; the administrator only")
    Dissolutions.Blockers blockers(PartyAccess me, @PathVariable long enterpriseId) {
        return dissolutions.blockers(me, enterpriseId);
    }

    @PostMapping("/api/t/{tenant}/me/enterprises/{enterpriseId}/dissolution")
    @Operation(summary = "APP-66, APP-67: the administrator dissolves the enterprise {password, code (SMS, purpose DISSOLVE_ENTERPRISE), "
            + "confirm: true}; 409 certificates-still-valid or unfinished-matters; members become plain persons, the enterprise's "
            + "information and certificates are deleted")
    Dissolutions.Dissolved dissolve(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Dissolve body) {
        return dissolutions.dissolve(me, enterpriseId, body == null ? null : body.password(), body == null ? null : body.code(),
                body == null ? null : body.confirm());
    }
}
