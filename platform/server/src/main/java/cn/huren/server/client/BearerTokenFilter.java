package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The alternative to a signed request: {@code Authorization: Bearer} with an access token the
 * tenant's OIDC provider issued to one of the tenant's API clients (client credentials). The decoder
 * accepts only tokens the current tenant's keys signed and its host issued; the client must still
 * exist and be enabled, and may use the token's scopes that it still holds. The rate limit is the
 * client's, as for signed requests.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "Bearer error=\"invalid_token\"";

    private final JwtDecoder decoder;
    private final ApiClients clients;
    private final RateLimits rateLimits;

    BearerTokenFilter(JwtDecoder decoder, ApiClients clients, RateLimits rateLimits) {
        this.decoder = decoder;
        this.clients = clients;
        this.rateLimits = rateLimits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || TenantContext.current().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            authenticate(authorization.substring(7).strip(), TenantContext.require());
        } catch (ApiException e) {
            SignedRequestFilter.refuse(response, e, CHALLENGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private void authenticate(String token, TenantDescriptor tenant) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "token-invalid", "the bearer token is not valid for tenant "
                    + tenant.code() + ": get one from this tenant's /oauth2/token with client credentials");
        }
        String clientId = jwt.getSubject() == null ? "" : jwt.getSubject();
        ApiClients.ActiveClient client = clients.forRequest(clientId).filter(ApiClients.ActiveClient::enabled)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "token-invalid",
                        "the bearer token does not belong to an enabled API client of tenant " + tenant.code()));
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : scopeCodes(jwt.getClaim("scope"))) {
            Scope.byCode(code).filter(client.scopes()::contains).ifPresent(scopes::add);
        }
        rateLimits.acquire(tenant.code(), client);
        SignedRequestFilter.signIn(SignedRequestFilter.principal(tenant.code(), client, scopes));
    }

    private static List<String> scopeCodes(Object claim) {
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return claim instanceof String s ? List.of(s.split(" ")) : List.of();
    }
}
