package cn.huren.server.oidc;

import cn.huren.server.login.PartySessions.PartyPrincipal;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after the portal's session filter in the provider's chain: a browser signed in as a
 * registered party with a bound certificate (ROLE_PARTY) authorizes as {@code party-{id}}, with the
 * facts of its session as details; a holder not yet registered or activated counts as not signed in,
 * so the entry point sends it to the portal's next step.
 */
final class PartyBridge extends OncePerRequestFilter {

    private static final SimpleGrantedAuthority PARTY = new SimpleGrantedAuthority("ROLE_PARTY");

    private final PartyClaims claims;

    PartyBridge(PartyClaims claims) {
        this.claims = claims;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication portal = SecurityContextHolder.getContext().getAuthentication();
        if (portal != null && portal.getPrincipal() instanceof PartyPrincipal party) {
            if (portal.getAuthorities().contains(PARTY)) {
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
