package cn.huren.server.portal;

import cn.huren.plugin.api.PortalSignIn;
import cn.huren.plugin.api.RelyingParties;
import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.IdentityDocument;
import cn.huren.server.party.PartyKind;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.CoreSettings;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import java.nio.charset.StandardCharsets;

/**
 * 主体登录 (NMG-07, NMG-08): after a certificate login the person sees the certificate, presses 进入授权 and picks
 * the platform: first this portal's own registry (a 确认登录 page, then the tenant's registry path), then the relying
 * parties the operator listed, each entered at its OpenID Connect {@code initiate_login_uri} with {@code iss} and
 * {@code target_link_uri} (OpenID Connect Core §4), where the platform starts the authorization code flow and the
 * consent page (确认授权) follows. The same page lists the platforms the party consented to, each revocable.
 * Only a certificate session gets here: any other goes to the certificate login first and comes back.
 */
@Controller
class PlatformPickerPages {

    static final String PICKER = "/platforms";
    static final String DEFAULT_REGISTRY_PATH = "/overview";

    private final RelyingParties relyingParties;
    private final CertificateBindings bindings;
    private final CoreSettings core;
    private final PortalSignIn signIn;
    private final TenantDirectory directory;

    PlatformPickerPages(RelyingParties relyingParties, CertificateBindings bindings, CoreSettings core, PortalSignIn signIn,
                        TenantDirectory directory) {
        this.relyingParties = relyingParties;
        this.bindings = bindings;
        this.core = core;
        this.signIn = signIn;
        this.directory = directory;
    }

    /** The certificate the person signed in with, and 进入授权. */
    @GetMapping({PICKER, "/t/{tenant}" + PICKER})
    String certificate(@Nullable PartyAccess me, HttpServletRequest request, Model model) {
        Optional<String> away = certificateSessionOnly(me, request);
        if (away.isPresent()) {
            return "redirect:" + away.get();
        }
        model.addAttribute("certificate", bindings.list(me, me.partyId()).stream().filter(CertificateBindings.Binding::current)
                .findFirst().orElse(null));
        boolean person = me.principal().holderKind() == PartyKind.NATURAL_PERSON;
        model.addAttribute("holderName", me.principal().holderName());
        model.addAttribute("holderId", person ? IdentityDocument.mask(me.principal().holderIdentifier()) : me.principal().holderIdentifier());
        model.addAttribute("serial", me.certificateSerial());
        return "portal/platforms";
    }

    /** The platforms: this portal's registry first, then the listed relying parties; and the consents given. */
    @GetMapping({PICKER + "/choose", "/t/{tenant}" + PICKER + "/choose"})
    String choose(@Nullable PartyAccess me, HttpServletRequest request, Model model) {
        Optional<String> away = certificateSessionOnly(me, request);
        if (away.isPresent()) {
            return "redirect:" + away.get();
        }
        model.addAttribute("relyingParties", relyingParties.listed());
        model.addAttribute("consents", relyingParties.consents(me.partyId()));
        return "portal/platforms-choose";
    }

    /** 确认登录 to this portal's own registry: names the portal and the party. */
    @GetMapping({PICKER + "/registry", "/t/{tenant}" + PICKER + "/registry"})
    String registry(@Nullable PartyAccess me, HttpServletRequest request, Model model) {
        Optional<String> away = certificateSessionOnly(me, request);
        if (away.isPresent()) {
            return "redirect:" + away.get();
        }
        TenantDescriptor tenant = PortalAdvice.tenant();
        model.addAttribute("partyName", me.principal().holderName());
        model.addAttribute("registryPath", PortalAdvice.base(request, Optional.of(tenant)) + registryPath(tenant));
        return "portal/platforms-registry";
    }

    /** To the relying party's initiate_login_uri, naming this tenant's issuer; the platform starts the login there. */
    @GetMapping({PICKER + "/go/{clientId}", "/t/{tenant}" + PICKER + "/go/{clientId}"})
    String go(@Nullable PartyAccess me, @PathVariable String clientId, HttpServletRequest request) {
        Optional<String> away = certificateSessionOnly(me, request);
        if (away.isPresent()) {
            return "redirect:" + away.get();
        }
        RelyingParties.RelyingParty party = relyingParties.listed().stream().filter(p -> p.clientId().equals(clientId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("oidc-client-not-found", "no such platform in this portal's list"));
        UriComponentsBuilder initiate = UriComponentsBuilder.fromUriString(party.initiateLoginUri());
        java.net.URI uri = java.net.URI.create(party.initiateLoginUri());
        // target_link_uri: where the platform lands after the login; its own front page (it must check it is its own)
        String target = uri.getScheme() + "://" + uri.getRawAuthority() + "/";
        // the registered URI is already encoded (checked as a java.net.URI): only the added values are encoded here
        return "redirect:" + initiate.queryParam("iss", UriUtils.encodeQueryParam(issuer(request, PortalAdvice.tenant()), StandardCharsets.UTF_8))
                .queryParam("target_link_uri", UriUtils.encodeQueryParam(target, StandardCharsets.UTF_8)).build(true).toUriString();
    }

    @PostMapping({PICKER + "/consents/{clientId}/revoke", "/t/{tenant}" + PICKER + "/consents/{clientId}/revoke"})
    String revoke(@Nullable PartyAccess me, @PathVariable String clientId, HttpServletRequest request) {
        Optional<String> away = certificateSessionOnly(me, request);
        if (away.isPresent()) {
            return "redirect:" + away.get();
        }
        relyingParties.revoke(me.partyId(), clientId);
        return "redirect:" + PortalAdvice.base(request, Optional.of(PortalAdvice.tenant())) + PICKER + "/choose?revoked="
                + UriUtils.encodeQueryParam(clientId, StandardCharsets.UTF_8);
    }

    /** A login to a platform refused (e.g. by the tenant's plugin): the message, in the browser's language. */
    @GetMapping({PICKER + "/refused", "/t/{tenant}" + PICKER + "/refused"})
    String refused(HttpServletRequest request, Model model) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        Optional<String[]> messages = PortalLogin.takeRefusal(request, tenant);
        if (messages.isEmpty()) {
            return "redirect:" + PortalAdvice.base(request, Optional.of(tenant)) + PICKER;
        }
        boolean chinese = LocaleContextHolder.getLocale().getLanguage().equals(Locale.CHINESE.getLanguage());
        model.addAttribute("message", chinese || messages.get()[1].isBlank() ? messages.get()[0] : messages.get()[1]);
        return "portal/platforms-refused";
    }

    /** Where the browser goes instead when this is not a certificate session of a registered party; it comes back after. */
    private Optional<String> certificateSessionOnly(@Nullable PartyAccess me, HttpServletRequest request) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        String base = PortalAdvice.base(request, Optional.of(tenant));
        String away;
        if (me == null) {
            away = base + "/login";
        } else if (me.certificateFingerprint() == null || me.accountSession() || me.identitySession()) {
            // NMG-07: 主体登录 is a key login; an account or identity-platform session signs in with the certificate first
            away = signIn.refused("进入授权前，请先使用CA锁或移动证书登录。",
                    "Please sign in with your USB key or mobile certificate before choosing a platform.");
        } else if (me.partyId() == null || !me.certificateBound()) {
            away = base + "/login/next";
        } else {
            return Optional.empty();
        }
        PortalLogin.continueAfterLogin(request, tenant, base + PICKER);
        return Optional.of(away);
    }

    private String registryPath(TenantDescriptor tenant) {
        return core.of(tenant.code()).text(CoreSettings.PLATFORM_PICKER_REGISTRY_PATH).map(String::strip)
                .filter(p -> !p.isEmpty() && PortalLogin.isLocalPath(p)).orElse(DEFAULT_REGISTRY_PATH);
    }

    /** The tenant's issuer: its host as the provider derives it (path-form pages name the tenant's first host). */
    private String issuer(HttpServletRequest request, TenantDescriptor tenant) {
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        String portPart = port == 80 && request.getScheme().equals("http") || port == 443 && request.getScheme().equals("https") ? ""
                : ":" + port;
        String issuerHost = directory.byHost(host).filter(t -> t.code().equals(tenant.code())).isPresent() ? host
                : tenant.hosts().get(0);
        return request.getScheme() + "://" + issuerHost + portPart;
    }
}
