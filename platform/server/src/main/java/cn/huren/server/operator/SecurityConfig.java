package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Operators reach /api/platform with HTTP Basic (scripts) or a console session; only the session
 * path needs CSRF tokens, since a browser cannot attach Basic credentials cross-site unasked.
 * Everything else (portals, tenant APIs) is public at this stage; later features add their own
 * authentication.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Pattern FRAME = Pattern.compile("^(/t/[^/]+)?/(overview|registry|certificates|delegation|orders)/?$");
    private static final Pattern PATH_TENANT = Pattern.compile("^/t/[a-z][a-z0-9]{1,15}");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    @Order(1)
    SecurityFilterChain platformChain(HttpSecurity http) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        AuthenticationEntryPoint problem = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Huren platform\"");
            Problems.write(response, new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "operator credentials are required"));
        };
        http.securityMatcher("/api/platform/**", "/console/**", "/console", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/console/login", "/console/css/**").permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.authenticationEntryPoint(problem))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true)
                        .failureHandler(new ExceptionMappingAuthenticationFailureHandler() {
                            {
                                setDefaultFailureUrl("/console/login?error");
                                setExceptionMappings(Map.of(LockedException.class.getName(), "/console/login?locked"));
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrf))
                .exceptionHandling(ex -> ex
                        .defaultAccessDeniedHandlerFor((request, response, e) -> Problems.write(response,
                                new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                        "not allowed (a console session must send its CSRF token)")), api)
                        .defaultAuthenticationEntryPointFor(problem, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/console/login"),
                                request -> true))
                .headers(SecurityConfig::headers);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        // the signed-in frame needs a party; portal login methods that create one arrive with their features
        // matched on the decoded path, never on the query string
        RequestMatcher frame = request -> FRAME.matcher(Paths.of(request)).matches();
        http.authorizeHttpRequests(auth -> auth.requestMatchers(frame).hasRole("PARTY").anyRequest().permitAll())
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, e) -> {
                    Matcher m = PATH_TENANT.matcher(Paths.of(request));
                    response.sendRedirect((m.lookingAt() ? m.group() : "") + "/login");
                }, frame))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/t/**"))
                .headers(SecurityConfig::headers);
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

    static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
                                + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }
}
