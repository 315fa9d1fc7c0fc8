package cn.huren.server.portal;

import cn.huren.plugin.api.PortalUser;
import cn.huren.plugin.api.PortalUsers;
import cn.huren.plugin.api.PresentedCertificate;
import cn.huren.server.certificate.CertificateVerifier;
import cn.huren.server.certificate.VerifiedCertificate;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.Paths;
import cn.huren.server.tenancy.TenantContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.Certificate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@link PortalUsers} for plugins: the party session the request was signed in with — the portal's browser session
 * ({@link PortalSession.Filter}) or a bearer token on the party API ({@code PartyTokenFilter}), both looked up in the
 * request's tenant only, so never another tenant's session; on the plugin's pages and me/… only. Read once per request.
 */
@Component
class HostPortalUsers implements PortalUsers {

    private static final String ATTRIBUTE = HostPortalUsers.class.getName();
    /** Where a plugin learns who is signed in: its pages (browser session, CSRF-checked) and its me/… (bearer token). */
    private static final Pattern PAGE = Pattern.compile("^(/t/[^/]+)?/p/[^/]+(/.*)?$");
    private static final Pattern ME = Pattern.compile("^/api/t/[^/]+/plugins/[^/]+/me(/.*)?$");

    private final PartySessions sessions;
    private final CertificateVerifier verifier;
    /**
     * A session's certificate as last verified, by tenant and session: a plugin page or me/… call would otherwise read
     * and re-verify it on every request (the bench's 1.8× over a core read). The session itself is still checked on
     * every request, and a revocation ends its sessions; what is kept is only what the certificate says, for 30 s.
     */
    private final Cache<String, PresentedCertificate> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    HostPortalUsers(PartySessions sessions, CertificateVerifier verifier) {
        this.sessions = sessions;
        this.verifier = verifier;
    }

    @Override
    public Optional<PortalUser> current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || TenantContext.current().isEmpty()) {
            return Optional.empty();
        }
        HttpServletRequest request = attributes.getRequest();
        String path = Paths.of(request);
        if (!PAGE.matcher(path).matches() && !ME.matcher(path).matches()) {
            // elsewhere under the plugin's prefix a cookie would speak for the browser without a CSRF check
            return Optional.empty();
        }
        if (request.getAttribute(ATTRIBUTE) instanceof PortalUser known) {
            return Optional.of(known);
        }
        PartyAccess access = PartyAccesses.of(request);
        if (access == null) {
            return Optional.empty();
        }
        PortalUser user = of(access);
        request.setAttribute(ATTRIBUTE, user);
        return Optional.of(user);
    }

    /** The party only where the core's {@link PartyAccess#requireRead} lets the session read it, as for the core's own API. */
    private PortalUser of(PartyAccess access) {
        PartyPrincipal p = access.principal();
        Optional<PresentedCertificate> certificate = p.certificateFingerprint() == null ? Optional.empty()
                : Optional.of(certificate(TenantContext.require().code() + ":" + p.tokenHash(), p));
        OptionalLong party = readable(access);
        return new PortalUser(party, party.isEmpty() ? null : p.holderKind().name(), p.holderName(), p.holderIdentifier(),
                p.authentication().name(), certificate, Hashes.sha256Hex("portal-user:" + p.tokenHash()),
                party.isPresent() && access.mayWrite(), p.certificateFingerprint() != null);
    }

    /** The party this session may read: {@link PartyAccess#requireRead} passes (login policy, activation, disabled key, real name). */
    static OptionalLong readable(PartyAccess access) {
        try {
            return OptionalLong.of(access.requireRead());
        } catch (ApiException refused) {
            return OptionalLong.empty();
        }
    }

    /** Kept only once it verified: one that did not (revoked, or a revocation source briefly down) is checked again next time. */
    private PresentedCertificate certificate(String key, PartyPrincipal p) {
        PresentedCertificate known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        PresentedCertificate now = certificate(p);
        if (now.caName() != null) {
            verified.put(key, now);
        }
        return now;
    }

    /** The session's certificate as verified now; one that no longer verifies (revoked meanwhile) still shows what it says. */
    private PresentedCertificate certificate(PartyPrincipal p) {
        byte[] der = sessions.certificate(p.tokenHash());
        String algorithm = algorithm(der);
        try {
            VerifiedCertificate v = verifier.verify(der, List.of());
            return new PresentedCertificate(v.serialNumber(), v.subject(), v.issuer(), v.caName(), v.fingerprint(), v.holderName(),
                    v.holderKind().name(), v.holderIdentifier(), v.notBefore(), v.notAfter(), p.medium(), algorithm);
        } catch (ApiException e) {
            Certificate c = Certificate.getInstance(der);
            return new PresentedCertificate(p.certificateSerial(), c.getSubject().toString(), c.getIssuer().toString(), null,
                    p.certificateFingerprint(), p.holderName(), p.holderKind().name(), p.holderIdentifier(),
                    c.getStartDate().getDate().toInstant(), c.getEndDate().getDate().toInstant(), p.medium(), algorithm);
        }
    }

    /** The holder's key algorithm: SM2, EC or RSA. */
    static String algorithm(byte[] der) {
        try {
            return cn.huren.server.certificate.KeyAlgorithms.name(Certificate.getInstance(der).getSubjectPublicKeyInfo());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
