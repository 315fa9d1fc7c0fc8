package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.session.PartySessions;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser's party session: the cookie session keeps, per tenant, the hash of the party session
 * a certificate answer opened, and the challenges this browser showed (only those can be taken
 * over). Every request re-reads the party session, so logout and expiry take effect at once.
 */
final class PortalSession {

    private static final HttpSessionCsrfTokenRepository CSRF_TOKENS = new HttpSessionCsrfTokenRepository();

    private PortalSession() {
    }

    static String partyKey(TenantDescriptor tenant) {
        return "huren.party." + tenant.code();
    }

    private static String challengesKey(TenantDescriptor tenant) {
        return "huren.challenges." + tenant.code();
    }

    @SuppressWarnings("unchecked")
    static void rememberChallenge(HttpSession session, TenantDescriptor tenant, String challengeId) {
        ArrayList<String> ids = (ArrayList<String>) Optional.ofNullable(session.getAttribute(challengesKey(tenant))).orElseGet(ArrayList::new);
        ids.add(challengeId);
        while (ids.size() > 5) {
            ids.remove(0); // a few open tabs at most; older challenges have expired anyway
        }
        session.setAttribute(challengesKey(tenant), ids);
    }

    @SuppressWarnings("unchecked")
    static boolean showedChallenge(HttpSession session, TenantDescriptor tenant, String challengeId) {
        Object ids = session == null ? null : session.getAttribute(challengesKey(tenant));
        return ids instanceof List<?> list && list.contains(challengeId);
    }

    /**
     * The browser now speaks for the session {@code tokenHash}: a fresh cookie-session id (no
     * fixation) and a fresh CSRF token (the one a page showed before sign-in no longer works), as
     * Spring Security's form login does for the console. The portal's chain keeps its CSRF tokens in
     * the cookie session (HttpSessionCsrfTokenRepository, the default).
     */
    static void signIn(HttpServletRequest request, TenantDescriptor tenant, String tokenHash) {
        request.getSession().removeAttribute(challengesKey(tenant));
        request.changeSessionId();
        CSRF_TOKENS.saveToken(null, request, null);
        request.getSession().setAttribute(partyKey(tenant), tokenHash);
    }

    private static String noticeKey(TenantDescriptor tenant) {
        return "huren.login-notice." + tenant.code();
    }

    /** A message the login page shows once (an external login that was refused), kept in the cookie session. */
    static void notice(HttpServletRequest request, TenantDescriptor tenant, String zh, String en) {
        request.getSession().setAttribute(noticeKey(tenant), new String[] {zh, en});
    }

    static Optional<String[]> takeNotice(HttpServletRequest request, TenantDescriptor tenant) {
        HttpSession session = request.getSession(false);
        Object notice = session == null ? null : session.getAttribute(noticeKey(tenant));
        if (notice != null) {
            session.removeAttribute(noticeKey(tenant));
        }
        return Optional.ofNullable(notice instanceof String[] texts && texts.length == 2 ? texts : null);
    }

    static Optional<String> tokenHash(HttpServletRequest request, TenantDescriptor tenant) {
        HttpSession session = request.getSession(false);
        return Optional.ofNullable(session == null ? null : (String) session.getAttribute(partyKey(tenant)));
    }

    /**
     * ROLE_CERTIFIED for any live session; ROLE_PARTY once its certificate is bound to a party, or for a
     * person an identity provider signed in (JS-10).
     */
    static final class Filter extends OncePerRequestFilter {

        private final PartySessions sessions;
        private final CertificateBindings bindings;

        Filter(PartySessions sessions, CertificateBindings bindings) {
            this.sessions = sessions;
            this.bindings = bindings;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<TenantDescriptor> tenant = TenantContext.current();
            Optional<PartyPrincipal> principal = tenant.flatMap(t -> tokenHash(request, t)).flatMap(sessions::authenticateHash);
            principal.ifPresent(p -> {
                List<SimpleGrantedAuthority> roles = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_CERTIFIED")));
                if (p.identitySession() || p.partyId() != null && bindings.isBound(p.partyId(), p.certificateFingerprint())) {
                    roles.add(new SimpleGrantedAuthority("ROLE_PARTY"));
                }
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(p, null, roles));
            });
            chain.doFilter(request, response);
        }
    }
}
