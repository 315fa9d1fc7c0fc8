package cn.huren.server.binding;

import cn.huren.server.session.PartyAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Certificate management beyond permission management, over the party API
 * (/api/t/{tenant}/me/certificates/{id}/…): disable and enable (APP-29, APP-30), re-admit a voided one (JS-81) and usage log
 * (APP-33); the check (APP-34) is login's ({@code CertificateCheckController}), type and seals are the seal package's.
 */
@RestController
class CertificateManagementController {

    private final CertificateAdministration administration;
    private final CertificateLog log;

    CertificateManagementController(CertificateAdministration administration, CertificateLog log) {
        this.administration = administration;
        this.log = log;
    }

    /** The service answers a non-primary session itself (APP-30 wants its own words for enable). */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/disable")
    CertificateBindings.Binding disable(PartyAccess me, @PathVariable long id) {
        return administration.disable(me, me.requireRead(), id);
    }

    @PostMapping("/api/t/{tenant}/me/certificates/{id}/enable")
    CertificateBindings.Binding enable(PartyAccess me, @PathVariable long id) {
        return administration.enable(me, me.requireRead(), id);
    }

    /** JS-81: the primary re-admits a voided certificate (重新准许); its holder may then activate it again. */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/readmit")
    CertificateBindings.Binding readmit(PartyAccess me, @PathVariable long id) {
        return administration.readmit(me, me.requireRead(), id);
    }

    @GetMapping("/api/t/{tenant}/me/certificates/{id}/log")
    CertificateLog.Page log(PartyAccess me, @PathVariable long id,
                            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return log.page(me.requireRead(), id, page, size);
    }
}
