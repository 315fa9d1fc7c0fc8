package cn.huren.server.portal;

import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The portal's browser sign-in as other features use it (the OIDC provider): who the browser is
 * signed in as, and where to come back to once it has signed in.
 */
public final class PortalLogin {

    private PortalLogin() {
    }

    /** Signs a request in from the browser's portal session: ROLE_CERTIFIED, and ROLE_PARTY once the certificate is bound. */
    public static OncePerRequestFilter sessionFilter(PartySessions sessions, PartyAccesses accesses) {
        return new PortalSession.Filter(sessions, accesses);
    }

    /**
     * After sign-in, /login/next continues here instead of the overview. Only a path on this
     * portal's own origin is kept (no scheme, no host, no "//"), so the redirect cannot leave it.
     */
    public static void continueAfterLogin(HttpServletRequest request, TenantDescriptor tenant, String pathAndQuery) {
        if (isLocalPath(pathAndQuery)) {
            request.getSession().setAttribute(continueKey(tenant), pathAndQuery);
        }
    }

    /** After sign-in, /login/next comes back to this very request (path and query) of the current tenant. */
    public static void continueHereAfterLogin(HttpServletRequest request) {
        continueAfterLogin(request, cn.huren.server.tenancy.TenantContext.require(),
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }

    /**
     * Shows a refusal on the portal (the platform picker's page /platforms/refused, Chinese or English by the
     * browser's locale), e.g. a plugin refusing a login to a relying party; returns where to send the browser.
     */
    public static String showRefusal(HttpServletRequest request, String messageZh, String messageEn) {
        TenantDescriptor tenant = cn.huren.server.tenancy.TenantContext.require();
        request.getSession().setAttribute(refusalKey(tenant), new String[] {clip(messageZh), clip(messageEn)});
        return PortalAdvice.base(request, java.util.Optional.of(tenant)) + "/platforms/refused";
    }

    /** The refusal to show, once. */
    static Optional<String[]> takeRefusal(HttpServletRequest request, TenantDescriptor tenant) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(refusalKey(tenant)) instanceof String[] messages)) {
            return Optional.empty();
        }
        session.removeAttribute(refusalKey(tenant));
        return Optional.of(messages);
    }

    private static String refusalKey(TenantDescriptor tenant) {
        return "huren.refusal." + tenant.code();
    }

    private static String clip(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 300 ? t.substring(0, 300) : t;
    }

    /** The continue path, once: it is removed as it is taken. */
    static Optional<String> takeContinue(HttpServletRequest request, TenantDescriptor tenant) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(continueKey(tenant)) instanceof String path)) {
            return Optional.empty();
        }
        session.removeAttribute(continueKey(tenant));
        return Optional.of(path).filter(PortalLogin::isLocalPath);
    }

    static boolean isLocalPath(String path) {
        return path != null && path.length() <= 4000 && path.startsWith("/") && !path.startsWith("//")
                && path.chars().noneMatch(c -> c == '\\' || c < 0x21 || c > 0x7e);
    }

    private static String continueKey(TenantDescriptor tenant) {
        return "huren.continue." + tenant.code();
    }
}
