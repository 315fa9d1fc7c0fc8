package cn.huren.server.certificateapplication;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The party's side over HTTP: applications under /api/t/{tenant}/me/certificate-applications (bearer
 * session; applying and cancelling by the primary), revocation of a bound certificate, and the
 * download, which needs no session: the application's key signs for it.
 */
@RestController
class CertificateApplicationsController {

    record RevokeInput(String reason, Boolean confirm) {
    }

    private final CertificateApplications applications;
    private final ApplicationDownloads downloads;
    private final HolderRevocations revocations;
    private final CertificateBindings access;

    CertificateApplicationsController(CertificateApplications applications, ApplicationDownloads downloads, HolderRevocations revocations,
                                      CertificateBindings access) {
        this.applications = applications;
        this.downloads = downloads;
        this.revocations = revocations;
        this.access = access;
    }

    @PostMapping("/api/t/{tenant}/me/certificate-applications")
    @ResponseStatus(HttpStatus.CREATED)
    Application apply(@AuthenticationPrincipal PartyPrincipal me, @RequestBody CertificateApplications.Input body) {
        return applications.apply(me, body);
    }

    @GetMapping("/api/t/{tenant}/me/certificate-applications")
    List<Application> list(@AuthenticationPrincipal PartyPrincipal me) {
        return applications.list(access.requireAccess(me, false));
    }

    @GetMapping("/api/t/{tenant}/me/certificate-applications/{id}")
    Application get(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id) {
        return applications.get(access.requireAccess(me, false), id);
    }

    @PostMapping("/api/t/{tenant}/me/certificate-applications/{id}/cancel")
    Application cancel(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id) {
        return applications.cancel(me, id);
    }

    /** The service answers a non-primary session itself, as disable does. */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/revoke")
    CertificateBindings.Binding revoke(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestBody RevokeInput body) {
        return revocations.revoke(me, access.requireAccess(me, false), id, body.reason(), Boolean.TRUE.equals(body.confirm()));
    }

    @PostMapping("/api/t/{tenant}/certificate-applications/{id}/download")
    ApplicationDownloads.Download download(@PathVariable long id, @RequestBody ApplicationDownloads.Input body) {
        return downloads.download(id, body);
    }
}
