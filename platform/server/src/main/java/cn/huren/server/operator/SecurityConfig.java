package cn.huren.server.operator;

import cn.huren.server.support.ApiException;
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
import org.springframework.security.web.util.matcher.RegexRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Operators reach /api/platform with HTTP Basic (scripts) or a console session; only the session
 * path needs CSRF tokens, since a browser cannot attach Basic credentials cross-site unasked.
 * Everything else (portals, tenant APIs) is public at this stage; later features add their own
 * authentication.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

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
    @Order(2)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        // the signed-in frame needs a party; portal login methods that create one arrive with their features
        RegexRequestMatcher frame = RegexRequestMatcher.regexMatcher("^(/t/[a-z][a-z0-9]{1,15})?/(overview|registry|certificates|delegation|orders)$");
        http.authorizeHttpRequests(auth -> auth.requestMatchers(frame).hasRole("PARTY").anyRequest().permitAll())
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> {
                    Matcher m = PATH_TENANT.matcher(request.getRequestURI());
                    response.sendRedirect((m.lookingAt() ? m.group() : "") + "/login");
                }))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/t/**"))
                .headers(SecurityConfig::headers);
        return http.build();
    }

    private static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        return authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; "
                                + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }
}
