package cn.huren.server.binding;

import cn.huren.server.session.PartyAccess;
import java.util.List;
import java.util.UUID;
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

    private final CertificateBindings certificates;

    BoundCertificatesController(CertificateBindings certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/api/t/{tenant}/me/certificates")
    List<CertificateBindings.Binding> list(PartyAccess me) {
        return certificates.list(me, me.requireRead());
    }

    @GetMapping("/api/t/{tenant}/me/certificates/{id}")
    CertificateBindings.Binding get(PartyAccess me, @PathVariable long id) {
        return certificates.get(me, me.requireRead(), id);
    }

    /** A non-primary session may call this for its own entry (JS-80); the service decides. */
    @PatchMapping("/api/t/{tenant}/me/certificates/{id}")
    CertificateBindings.Binding change(PartyAccess me, @PathVariable long id,
                                     @RequestBody Change body) {
        return certificates.change(me, me.requireRead(), id, body.holderName(), body.primary());
    }

    @PostMapping("/api/t/{tenant}/me/certificates/{id}/void")
    CertificateBindings.Binding voidBinding(PartyAccess me, @PathVariable long id,
                                          @RequestBody VoidInput body) {
        return certificates.voidBinding(me, me.requireWrite(), id, body.reason(), body.evidence());
    }
}
