package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import cn.huren.server.support.SecurityChainOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Trading systems' versioned API (/api/t/{tenant}/v1/…), and plugin endpoints called with a signed
 * request (an {@code X-Huren-Client} header): signed requests, or on v1 bearer tokens from the
 * tenant's OIDC provider (client credentials, verified by the JwtDecoder the oidc package provides); stateless, no
 * cookies and hence no CSRF. Its paths are disjoint from the platform (1) and party (2) chains; it
 * only has to come before the portal's catch-all (3).
 */
@Configuration(proxyBeanMethods = false)
class ClientApiSecurity {

    static final String CHALLENGE = "Huren-HMAC-SHA256";
    private static final java.util.regex.Pattern PATHS = java.util.regex.Pattern.compile("^/api/t/[^/]+/v1(/.*)?$");
    private static final java.util.regex.Pattern PLUGIN_PATHS = java.util.regex.Pattern.compile("^/api/t/[^/]+/plugins/.+$");

    @Bean
    @Order(SecurityChainOrder.CLIENT_API)
    SecurityFilterChain clientApiChain(HttpSecurity http, ApiClients clients, Nonces nonces, RateLimits rateLimits,
                                       JwtDecoder tenantTokens, java.time.Clock clock) throws Exception {
        // plugin endpoints for trading systems (e.g. Jiangsu's use reports) take the same signed requests
        http.securityMatcher(request -> PATHS.matcher(Paths.of(request)).matches()
                        || request.getHeader(SignedRequestFilter.CLIENT) != null && PLUGIN_PATHS.matcher(Paths.of(request)).matches())
                .addFilterBefore(new SignedRequestFilter(clients, nonces, rateLimits, clock), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new BearerTokenFilter(tenantTokens, clients, rateLimits), SignedRequestFilter.class)
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("API_CLIENT"))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", CHALLENGE);
                            Problems.write(response, new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "sign the request as an API client of this tenant (X-Huren-Client, X-Huren-Timestamp, "
                                            + "X-Huren-Nonce, X-Huren-Signature), or send Authorization: Bearer with an "
                                            + "access token from this tenant's /oauth2/token (client credentials)"));
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(response,
                                new ApiException(HttpStatus.FORBIDDEN, "forbidden", "this client may not do that"))));
        return http.build();
    }
}
