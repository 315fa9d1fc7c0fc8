package cn.huren.server.account;

import cn.huren.server.support.Paths;
import cn.huren.server.support.SecurityChainOrder;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;

/**
 * The anonymous account API (sms-codes, accounts, account-sessions, password-resets under /api/t/{tenant}/): open to
 * anyone, stateless for Spring Security (no security context kept, no CSRF: nothing here is authorised by a cookie).
 * The password login still reads the caller's HTTP session, where {@code GET …/captcha} kept the captcha it answers.
 */
@Configuration(proxyBeanMethods = false)
class AccountApiSecurity {

    static final Pattern PUBLIC = Pattern.compile("^/api/t/[^/]+/(sms-codes|accounts|account-sessions|password-resets)/?$");

    @Bean
    @Order(SecurityChainOrder.ACCOUNT_API)
    SecurityFilterChain accountApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> PUBLIC.matcher(Paths.of(request)).matches())
                .securityContext(sc -> sc.securityContextRepository(new NullSecurityContextRepository()))
                .sessionManagement(sm -> sm.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
