package cn.huren.server.binding;

import cn.huren.server.session.PartySessions;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Permission management over the party API: /api/t/{tenant}/me/certificates (JS-73–JS-81). */
@RestController
class BoundCertificatesController {

    record Change(String holderName, Boolean primary) {
    }

    record VoidInput(String reason, UUID evidence) {
    }

    private final CertificateBindings access;

    BoundCertificatesController(CertificateBindings access) {
        this.access = access;
    }

    @GetMapping("/api/t/{tenant}/me/certificates")
    List<CertificateBindings.Binding> list(@AuthenticationPrincipal PartySessions.PartyPrincipal me) {
        return access.list(me, access.requireAccess(me, false));
    }

    @GetMapping("/api/t/{tenant}/me/certificates/{id}")
    CertificateBindings.Binding get(@AuthenticationPrincipal PartySessions.PartyPrincipal me, @PathVariable long id) {
        return access.get(me, access.requireAccess(me, false), id);
    }

    /** A non-primary session may call this for its own entry (JS-80); the service decides. */
    @PatchMapping("/api/t/{tenant}/me/certificates/{id}")
    CertificateBindings.Binding change(@AuthenticationPrincipal PartySessions.PartyPrincipal me, @PathVariable long id,
                                     @RequestBody Change body) {
        return access.change(me, access.requireAccess(me, false), id, body.holderName(), body.primary());
    }

    @PostMapping("/api/t/{tenant}/me/certificates/{id}/void")
    CertificateBindings.Binding voidBinding(@AuthenticationPrincipal PartySessions.PartyPrincipal me, @PathVariable long id,
                                          @RequestBody VoidInput body) {
        return access.voidBinding(me, access.requireAccess(me, true), id, body.reason(), body.evidence());
    }
}
