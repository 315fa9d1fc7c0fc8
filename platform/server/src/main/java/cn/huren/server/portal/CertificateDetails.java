package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.binding.CertificateLog;
import cn.huren.server.binding.CertificateStatus;
import cn.huren.server.certificateapplication.CertificateApplications;
import cn.huren.server.login.CertificateCheck;
import cn.huren.server.party.Attachments;
import cn.huren.server.seal.Seals;
import cn.huren.server.session.PartyAccess;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a certificate's details page shows (SX-15–SX-19, APP-29–APP-34): the entry with its live
 * status and type, its seals while ACTIVE, a page of its usage log, and a fresh check challenge for
 * the key's local signer; with the result of a check when one was just run.
 */
@Component
class CertificateDetails {

    static final int LOG_PAGE_SIZE = 20;

    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final Seals seals;
    private final CertificateLog log;
    private final CertificateCheck check;
    private final CertificateApplications applications;
    private final String signerUrl;

    CertificateDetails(CertificateBindings bindings, Attachments attachments, Seals seals, CertificateLog log,
                       CertificateCheck check, CertificateApplications applications,
                       @Value("${huren.portal.local-signer-url:http://127.0.0.1:18765}") URI signerUrl) {
        this.bindings = bindings;
        this.attachments = attachments;
        this.seals = seals;
        this.log = log;
        this.check = check;
        this.applications = applications;
        this.signerUrl = signerUrl.toString().replaceAll("/+$", "");
    }

    String show(PartyAccess me, long id, int logPage, CertificateCheck.Report report, Model model) {
        long partyId = me.requireRead();
        CertificateBindings.Binding b = bindings.get(me, partyId, id);
        model.addAttribute("certificate", b);
        // SX-19's application date (申请日期): a certificate that came through an application here; others were activated
        model.addAttribute("fromApplication", applications.forCertificate(partyId, id).orElse(null));
        model.addAttribute("primary", me.mayWrite());
        model.addAttribute("evidence", b.voidEvidenceId() == null ? null : attachments.find(partyId, b.voidEvidenceId()).orElse(null));
        model.addAttribute("seals", b.status() == CertificateStatus.ACTIVE ? seals.list(partyId, id) : List.of());
        model.addAttribute("sealKinds", Seals.Kind.values());
        model.addAttribute("log", log.page(partyId, id, Math.max(0, Math.min(logPage, 10_000)), LOG_PAGE_SIZE));
        model.addAttribute("checkChallenge", check.challenge(partyId, id));
        model.addAttribute("signerUrl", signerUrl);
        model.addAttribute("checkReport", report);
        return RegistryPages.frame(model, "certificates", "portal/certificate");
    }
}
