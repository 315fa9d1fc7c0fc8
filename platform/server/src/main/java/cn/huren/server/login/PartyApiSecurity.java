package cn.huren.server.login;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * A party's own API (/api/t/{tenant}/me/…): bearer sessions from certificate login, stateless, no
 * cookies and hence no CSRF; a token works only for the tenant that issued it.
 */
@Configuration(proxyBeanMethods = false)
class PartyApiSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain partyApiChain(HttpSecurity http, PartySessions sessions) throws Exception {
        http.securityMatcher(request -> Paths.of(request).matches("^/api/t/[^/]+/me(/.*)?$"))
                .addFilterBefore(new PartyTokenFilter(sessions), AnonymousAuthenticationFilter.class)
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("CERTIFIED"))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(response, new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "log in with a certificate of this portal first (POST /api/t/{tenant}/login/challenges)"));
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(response,
                                new ApiException(HttpStatus.FORBIDDEN, "forbidden", "this session may not do that"))));
        return http.build();
    }
}
