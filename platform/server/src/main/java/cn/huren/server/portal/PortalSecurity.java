package cn.huren.server.portal;

import cn.huren.server.session.PartyAccesses;
import cn.huren.server.session.PartySessions;
import cn.huren.server.support.Paths;
import cn.huren.server.support.SecurityChainOrder;
import cn.huren.server.support.SecurityHeaders;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The portals: public pages, and the signed-in frame for parties. A browser signs in by taking
 * over the session a certificate answer opened (see {@link PortalSession}); nothing of an
 * operator's console login ever counts here, even on the same cookie (path-mode tenants).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    private static final Pattern FRAME = Pattern.compile("^(/t/[^/]+)?/(overview|registry|certificates|delegation|orders)(/.*)?$");
    private static final Pattern HOLDER = Pattern.compile("^(/t/[^/]+)?/(register|activate)/?$");
    /** A person's account pages (APP-03…APP-105); signing up, in and back in are open to anyone. */
    private static final Pattern ACCOUNT = Pattern.compile("^(/t/[^/]+)?/account(/.*)?$");
    private static final Pattern ACCOUNT_OPEN = Pattern.compile("^(/t/[^/]+)?/account/(register|login|forgot|privacy)(/.*)?$");
    private static final Pattern PATH_TENANT = Pattern.compile("^/t/[a-z][a-z0-9]{1,15}");

    @Bean
    @Order(SecurityChainOrder.PORTAL)
    SecurityFilterChain portalChain(HttpSecurity http, PartySessions sessions, PartyAccesses accesses,
                                    @Value("${huren.portal.local-signer-url:http://127.0.0.1:18765}") URI signer) throws Exception {
        RequestMatcher frame = request -> FRAME.matcher(Paths.of(request)).matches();
        RequestMatcher holder = request -> HOLDER.matcher(Paths.of(request)).matches();
        RequestMatcher signedInOnly = request -> frame.matches(request) || holder.matches(request);
        RequestMatcher accountOpen = request -> ACCOUNT_OPEN.matcher(Paths.of(request)).matches();
        RequestMatcher account = request -> ACCOUNT.matcher(Paths.of(request)).matches() && !accountOpen.matches(request);
        http.securityContext(sc -> sc.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .addFilterBefore(new PortalSession.Filter(sessions, accesses), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(frame).hasRole("PARTY")
                        .requestMatchers(holder).hasRole("CERTIFIED")
                        .requestMatchers(account).hasRole("ACCOUNT")
                        .anyRequest().permitAll())
                // the first entry point is also the default, and the last access-denied mapping catches every other
                // request (a refused CSRF token included): the portal's one answer sends the browser on to /login/next
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((request, response, e) ->
                                response.sendRedirect(tenantPrefix(request) + "/login"), signedInOnly)
                        // anonymous, or signed in by certificate: the account pages want the person's own login
                        .defaultAuthenticationEntryPointFor((request, response, e) -> {
                            AccountForms.rememberJoinPage(request); // a scanned join QR code: back to it after sign-in
                            response.sendRedirect(tenantPrefix(request) + "/account/login");
                        }, account)
                        .defaultAccessDeniedHandlerFor((request, response, e) ->
                                response.sendRedirect(tenantPrefix(request) + "/account/login"), account)
                        // signed in, but not registered or not activated yet: the account page says what comes next
                        .defaultAccessDeniedHandlerFor((request, response, e) ->
                                response.sendRedirect(tenantPrefix(request) + "/login/next"), request -> true))
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/t/**"))
                .headers(headers -> SecurityHeaders.apply(headers, origin(signer)));
        return http.build();
    }

    private static String tenantPrefix(jakarta.servlet.http.HttpServletRequest request) {
        Matcher m = PATH_TENANT.matcher(Paths.of(request));
        return m.lookingAt() ? m.group() : "";
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
