package cn.huren.server.session;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import cn.huren.server.support.SecurityChainOrder;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;

/**
 * A party's own API (/api/t/{tenant}/me/…, and a plugin's /api/t/{tenant}/plugins/{id}/me/…): bearer sessions from certificate login, stateless, no
 * cookies and hence no CSRF; a token works only for the tenant that issued it.
 */
@Configuration(proxyBeanMethods = false)
class PartyApiSecurity {

    /** The party's own API, and a plugin's endpoints for the signed-in person (/api/t/{t}/plugins/{id}/me/…). */
    private static final Pattern ME = Pattern.compile("^/api/t/[^/]+/(plugins/[^/]+/)?me(/.*)?$");
    /** A person's own account (APP-100–APP-105): only account sessions (password or SMS code) reach it. */
    private static final Pattern ACCOUNT = Pattern.compile("^/api/t/[^/]+/me/account(/.*)?$");
    /** What only a certificate's holder does: register its holder (JS-02), activate its certificate (JS-17). */
    private static final Pattern HOLDER = Pattern.compile("^/api/t/[^/]+/me/(register|activation)/?$");
    /** The certificate login's challenges, and the anonymous account API (module account: SMS codes, registration, login, password reset). */
    private static final Pattern LOGIN = Pattern.compile("^/api/t/[^/]+/(login/challenges(/.*)?|sms-codes|accounts|account-sessions|password-resets|enterprise-sessions|enterprise-password-resets(/code)?)$");

    /**
     * The login API itself: anyone may ask for a challenge and answer it; nothing here reads or
     * writes a cookie session or a security context, so the hottest two requests a portal serves
     * skip the portal chain's session, CSRF and authorization work (the browser takes over a
     * session through the portal's own POST /login/session). The account API's password login
     * still reads the caller's HTTP session, where GET …/captcha kept the captcha it answers.
     */
    @Bean
    @Order(SecurityChainOrder.LOGIN_API)
    SecurityFilterChain loginApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> LOGIN.matcher(Paths.of(request)).matches())
                .securityContext(sc -> sc.securityContextRepository(new NullSecurityContextRepository()))
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(SecurityChainOrder.PARTY_API)
    SecurityFilterChain partyApiChain(HttpSecurity http, PartySessions sessions, PartyAccesses accesses) throws Exception {
        http.securityMatcher(request -> ME.matcher(Paths.of(request)).matches())
                .addFilterBefore(new PartyTokenFilter(sessions, accesses), AnonymousAuthenticationFilter.class)
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(request -> ACCOUNT.matcher(Paths.of(request)).matches()).hasRole("ACCOUNT")
                        .requestMatchers(request -> HOLDER.matcher(Paths.of(request)).matches()).hasRole("CERTIFIED")
                        // an account's session reaches the rest, where PartyAccess decides with the tenant's login policy
                        // (403 certificate-required where the policy keeps accounts off, real-name-required before verification)
                        .anyRequest().hasAnyRole("CERTIFIED", "ACCOUNT"))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(response, new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "log in first: with a certificate of this portal (POST /api/t/{tenant}/login/challenges) "
                                            + "or, for /me/account, to a person's account (POST /api/t/{tenant}/account-sessions)"));
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            PartyAccess access = PartyAccesses.of(request);
                            Problems.write(response, access != null && access.accountSession()
                                    ? PartyAccess.certificateRequired(access.authentication())
                                    : new ApiException(HttpStatus.FORBIDDEN, "forbidden", "this session may not do that"));
                        }));
        return http.build();
    }
}
