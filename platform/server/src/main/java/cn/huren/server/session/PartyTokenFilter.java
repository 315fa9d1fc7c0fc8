package cn.huren.server.session;

import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} on a tenant's API against that tenant's sessions,
 * and resolves the request's {@link PartyAccess} as the portal does ({@link PartyAccesses#signIn}).
 */
public class PartyTokenFilter extends OncePerRequestFilter {

    private final PartySessions sessions;
    private final PartyAccesses accesses;

    public PartyTokenFilter(PartySessions sessions, PartyAccesses accesses) {
        this.sessions = sessions;
        this.accesses = accesses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && TenantContext.current().isPresent()) {
            sessions.authenticate(header.substring(7).strip()).ifPresent(p -> accesses.signIn(request, p));
        }
        chain.doFilter(request, response);
    }
}
