package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Problems;
import cn.huren.server.support.SecurityChainOrder;
import cn.huren.server.support.SecurityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Operators reach /api/platform with HTTP Basic (scripts) or a console session; only the session
 * path needs CSRF tokens, since a browser cannot attach Basic credentials cross-site unasked.
 * Portals and tenant APIs have their own chains (portal.PortalSecurity, login.PartyApiSecurity).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** A tenant reviewer's pages and API, the tenant's code second: /console/reviews/{code}/…, /api/review/{code}/…. */
    private static final java.util.regex.Pattern REVIEW = java.util.regex.Pattern.compile("^/(console/reviews|api/review)/([a-z][a-z0-9]{1,15})(/.*)?$");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
    }

    /**
     * No Micrometer observation per security filter: measured at about a tenth of a certificate
     * login's server CPU. Requests stay observed as a whole (http.server.requests).
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(SecurityChainOrder.PLATFORM)
    SecurityFilterChain platformChain(HttpSecurity http, OperatorAccounts accounts) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        AuthenticationEntryPoint problem = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Huren platform\"");
            Problems.write(response, new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "operator credentials are required"));
        };
        http.securityMatcher("/api/platform/**", "/api/review/**", "/console/**", "/console", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/console/login", "/console/css/**").permitAll()
                        // a tenant reviewer reaches its own tenant's review pages and API only; an operator none of them
                        .requestMatchers(request -> REVIEW.matcher(request.getRequestURI()).matches()).access((authentication, context) -> {
                            java.util.regex.Matcher m = REVIEW.matcher(context.getRequest().getRequestURI());
                            // and still is: a reviewer disabled (or moved) meanwhile loses an open session at its next request
                            return new org.springframework.security.authorization.AuthorizationDecision(
                                    m.matches() && ConsoleRoles.reviews(authentication.get(), m.group(2))
                                            && accounts.credentials(authentication.get().getName())
                                            .filter(c -> c.enabled() && ConsoleRoles.REVIEWER.equals(c.role()) && m.group(2).equals(c.tenantCode()))
                                            .isPresent());
                        })
                        .requestMatchers("/console", "/console/js/**").hasAnyRole(ConsoleRoles.OPERATOR, ConsoleRoles.REVIEWER)
                        .anyRequest().hasRole(ConsoleRoles.OPERATOR))
                .httpBasic(basic -> basic.authenticationEntryPoint(problem))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        // a reviewer starts on its tenant's queue, an operator on the tenant list
                        .successHandler((request, response, authentication) -> response.sendRedirect(
                                ConsoleRoles.reviewerTenant(authentication).map(t -> "/console/reviews/" + t).orElse("/console")))
                        // one answer for a wrong password, an unknown name and a blocked one (LoginThrottle): it tells no name apart
                        .failureUrl("/console/login?error"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrf))
                .exceptionHandling(ex -> ex
                        .defaultAccessDeniedHandlerFor((request, response, e) -> Problems.write(response,
                                new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                        "not allowed (a console session must send its CSRF token)")), api)
                        .defaultAuthenticationEntryPointFor(problem, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/console/login"),
                                request -> true))
                .headers(SecurityHeaders::apply);
        return http.build();
    }

    /**
     * Unsafe requests need a CSRF token unless they come from a script with Basic credentials. A
     * browser can replay Basic credentials it cached, so a cross-site browser request needs the
     * token even with them (browsers mark such requests with Sec-Fetch-Site or Origin).
     */
    private static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        return !basic || crossSiteBrowser(request);
    }

    private static boolean crossSiteBrowser(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            java.net.URI o = java.net.URI.create(origin);
            String host = request.getHeader("Host");
            return host == null || o.getAuthority() == null || !o.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
