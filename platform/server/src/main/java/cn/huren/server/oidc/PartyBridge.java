package cn.huren.server.oidc;

import cn.huren.plugin.api.PortalSignIn;
import cn.huren.server.portal.PortalLogin;
import cn.huren.server.session.LoginPolicy;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after the portal's session filter in the provider's chain: a browser signed in as a
 * registered party with a bound certificate (ROLE_PARTY) authorizes as {@code party-{id}}, with the
 * facts of its session as details; a holder not yet registered or activated counts as not signed in,
 * so the entry point sends it to the portal's next step. A session the tenant's login policy keeps off
 * the trading systems (by default any without a certificate: 苏服办, an account) is sent to the
 * certificate login with a message and comes back here after it (JS-14).
 */
final class PartyBridge extends OncePerRequestFilter {

    private static final SimpleGrantedAuthority PARTY = new SimpleGrantedAuthority("ROLE_PARTY");

    private final PartyClaims claims;
    private final PortalSignIn signIn;
    private final RequestMatcher authorize;

    PartyBridge(PartyClaims claims, PortalSignIn signIn, RequestMatcher authorize) {
        this.claims = claims;
        this.signIn = signIn;
        this.authorize = authorize;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication portal = SecurityContextHolder.getContext().getAuthentication();
        if (portal != null && portal.getPrincipal() instanceof PartyPrincipal party) {
            PartyAccess access = PartyAccesses.of(request);
            boolean allowed = access != null && access.allows(LoginPolicy.Capability.TRADING_SYSTEMS);
            if (!allowed && authorize.matches(request)) {
                // JS-14: the tenant's login policy decides which logins reach the trading systems; by default only a certificate's,
                // never 苏服办 or an account's password or SMS code alone
                PortalLogin.continueHereAfterLogin(request);
                response.sendRedirect(signIn.refused("使用交易系统前，请先使用移动证书或CA锁登录。",
                        "Trading systems need a certificate login (mobile certificate or USB key) first."));
                return;
            }
            if (allowed && access.mayUseTradingSystems()) {
                UsernamePasswordAuthenticationToken bridged = UsernamePasswordAuthenticationToken.authenticated(
                        PartyClaims.subject(party), null, List.of(PARTY));
                bridged.setDetails(claims.facts(party));
                SecurityContextHolder.getContext().setAuthentication(bridged);
            } else {
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
