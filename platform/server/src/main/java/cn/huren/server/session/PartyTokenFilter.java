package cn.huren.server.session;

import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} on a tenant's API against that tenant's sessions.
 * ROLE_CERTIFIED: a verified certificate holder; ROLE_PARTY in addition once a party is attached.
 */
public class PartyTokenFilter extends OncePerRequestFilter {

    private final PartySessions sessions;

    public PartyTokenFilter(PartySessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && TenantContext.current().isPresent()) {
            sessions.authenticate(header.substring(7).strip()).ifPresent(p -> {
                List<SimpleGrantedAuthority> roles = p.partyId() == null ? List.of(new SimpleGrantedAuthority("ROLE_CERTIFIED"))
                        : List.of(new SimpleGrantedAuthority("ROLE_CERTIFIED"), new SimpleGrantedAuthority("ROLE_PARTY"));
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(p, null, roles));
            });
        }
        chain.doFilter(request, response);
    }
}
