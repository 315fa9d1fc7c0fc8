package cn.huren.server.portal;

import cn.huren.server.certificate.TrustedCas;
import cn.huren.server.login.Accounts;
import cn.huren.server.login.CertificateLogin;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Certificate login in the browser (JS-11, JS-12): the page shows a challenge, as a QR code for
 * the mobile app or handed to the USB key's local signer; whoever answers it, this browser then
 * takes over the session the answer opened, and learns where to go next (register, activate,
 * overview).
 */
@Controller
class CertificateLoginPages {

    private final CertificateLogin login;
    private final Accounts accounts;
    private final PartySessions sessions;
    private final String signerUrl;
    private final TrustedCas trustedCas;

    private final cn.huren.server.tenancy.CoreSettings core;

    CertificateLoginPages(CertificateLogin login, Accounts accounts, PartySessions sessions, TrustedCas trustedCas,
                          @Value("${huren.portal.local-signer-url:http://127.0.0.1:18765}") URI signerUrl,
                          cn.huren.server.tenancy.CoreSettings core) {
        this.core = core;
        this.login = login;
        this.accounts = accounts;
        this.sessions = sessions;
        this.trustedCas = trustedCas;
        this.signerUrl = signerUrl.toString().replaceAll("/+$", "");
    }

    @GetMapping({"/login/{mode:ukey|mobile}", "/t/{tenant}/login/{mode:ukey|mobile}"})
    String page(@PathVariable String mode, HttpServletRequest request, Model model) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        CertificateLogin.Challenge challenge = login.issue(mode.equals("mobile") ? CertificateLogin.Mode.MOBILE : CertificateLogin.Mode.TOKEN);
        PortalSession.rememberChallenge(request.getSession(), tenant, challenge.id().toString());
        model.addAttribute("mode", mode);
        model.addAttribute("challenge", challenge);
        model.addAttribute("payload", payload(request, tenant, challenge.id(), challenge.nonce()));
        model.addAttribute("api", "/api/t/" + tenant.code() + "/login/challenges/" + challenge.id());
        model.addAttribute("signerUrl", signerUrl);
        model.addAttribute("recognisedCas", String.join("、", trustedCas.issuingCaNames()));
        return "portal/login-certificate";
    }

    @GetMapping({"/login/qr/{id}.png", "/t/{tenant}/login/qr/{id}.png"})
    ResponseEntity<byte[]> qr(@PathVariable UUID id, HttpServletRequest request) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        if (!PortalSession.showedChallenge(request.getSession(false), tenant, id.toString())) {
            throw ApiException.notFound("challenge-not-found", "no such login challenge in this browser");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(QrCodes.png(payload(request, tenant, id, login.nonce(id)), 280));
    }

    /** Takes over the session the challenge's answer opened; only the browser that showed the challenge may. */
    @PostMapping({"/login/session", "/t/{tenant}/login/session"})
    String signIn(@RequestParam UUID challenge, HttpServletRequest request) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        if (!PortalSession.showedChallenge(request.getSession(false), tenant, challenge.toString())) {
            throw ApiException.notFound("challenge-not-found", "no such login challenge in this browser");
        }
        PortalSession.signIn(request, tenant, login.handOff(challenge));
        return "redirect:" + PortalAdvice.base(request, TenantContext.current()) + "/login/next";
    }

    @GetMapping({"/login/next", "/t/{tenant}/login/next"})
    String next(@org.springframework.lang.Nullable PartyAccess me, HttpServletRequest request) {
        String base = PortalAdvice.base(request, TenantContext.current());
        if (me == null) {
            return "redirect:" + base + "/login";
        }
        if (me.accountSession()) { // a person's account has its own pages; the certificate steps are not its
            return "redirect:" + base + "/account";
        }
        return switch (accounts.next(me)) {
            case REGISTER -> "redirect:" + base + registrationPath();
            case ACTIVATE -> "redirect:" + base + "/activate";
            case ACCOUNT -> "redirect:" + base + "/account";
            // e.g. back to the OIDC authorization request that sent the browser here
            case READY -> "redirect:" + PortalLogin.takeContinue(request, PortalAdvice.tenant()).orElse(base + landing(me));
        };
    }

    /**
     * Where an unregistered holder registers: the core's page, or a region's own (e.g. Inner Mongolia's 自然人绑定, NMG-05);
     * a stored value that is not a local path (checked when saved, and here again: it goes into a redirect) is the core's page.
     */
    private String registrationPath() {
        return core.of(PortalAdvice.tenant().code()).text(cn.huren.server.tenancy.CoreSettings.REGISTRATION_PATH)
                .map(String::strip).filter(PortalLogin::isLocalPath).orElse("/register");
    }

    /** Where a ready party lands: the overview, or the platform picker after a key login where the tenant wants it (NMG-07). */
    private String landing(PartyAccess me) {
        boolean picker = me.certificateFingerprint() != null && !me.identitySession()
                && core.of(PortalAdvice.tenant().code()).flag(cn.huren.server.tenancy.CoreSettings.PLATFORM_PICKER_AFTER_LOGIN);
        return picker ? PlatformPickerPages.PICKER : "/overview";
    }

    @PostMapping({"/logout", "/t/{tenant}/logout"})
    String logout(HttpServletRequest request) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        PortalSession.tokenHash(request, tenant).ifPresent(sessions::end);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PortalSession.partyKey(tenant));
        }
        return "redirect:" + PortalAdvice.base(request, TenantContext.current()) + "/";
    }

    /** What the app reads from the QR code: where to answer, and the challenge to sign. */
    private static String payload(HttpServletRequest request, TenantDescriptor tenant, UUID id, String nonce) {
        String server = ServletUriComponentsBuilder.fromContextPath(request).replacePath("").build().toUriString();
        return "huren://login?server=" + URLEncoder.encode(server, StandardCharsets.UTF_8) + "&tenant=" + tenant.code()
                + "&challenge=" + id + "&nonce=" + nonce;
    }
}
