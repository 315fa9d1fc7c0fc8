package cn.huren.server.certificateapplication;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartyAccess;
import java.util.List;
import org.springframework.http.HttpStatus;
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

    CertificateApplicationsController(CertificateApplications applications, ApplicationDownloads downloads, HolderRevocations revocations) {
        this.applications = applications;
        this.downloads = downloads;
        this.revocations = revocations;
    }

    @PostMapping("/api/t/{tenant}/me/certificate-applications")
    @ResponseStatus(HttpStatus.CREATED)
    Application apply(PartyAccess me, @RequestBody CertificateApplications.Input body) {
        return applications.apply(me, body);
    }

    @GetMapping("/api/t/{tenant}/me/certificate-applications")
    List<Application> list(PartyAccess me) {
        return applications.list(me.requireApplicant(false));
    }

    @GetMapping("/api/t/{tenant}/me/certificate-applications/{id}")
    Application get(PartyAccess me, @PathVariable long id) {
        return applications.get(me.requireApplicant(false), id);
    }

    @PostMapping("/api/t/{tenant}/me/certificate-applications/{id}/cancel")
    Application cancel(PartyAccess me, @PathVariable long id) {
        return applications.cancel(me, id);
    }

    /** The service answers a non-primary session itself, as disable does. */
    @PostMapping("/api/t/{tenant}/me/certificates/{id}/revoke")
    CertificateBindings.Binding revoke(PartyAccess me, @PathVariable long id, @RequestBody RevokeInput body) {
        return revocations.revoke(me, me.requireRead(), id, body.reason(), Boolean.TRUE.equals(body.confirm()));
    }

    @PostMapping("/api/t/{tenant}/certificate-applications/{id}/download")
    ApplicationDownloads.Download download(@PathVariable long id, @RequestBody ApplicationDownloads.Input body) {
        return downloads.download(id, body);
    }
}
