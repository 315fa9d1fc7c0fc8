package cn.huren.server.portal;

import cn.huren.server.session.PartySessions.PartyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * APP-06 on the pages: until the account's holder is real-name verified, every account page but the verification
 * itself sends the browser to it (the sign-up and sign-in pages are not the account's; logout is /logout).
 */
@Configuration(proxyBeanMethods = false)
class AccountGate implements WebMvcConfigurer, HandlerInterceptor {

    private static final String[] OPEN = {"real-name", "register", "register/**", "login", "login/**", "forgot", "forgot/**", "privacy"};

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var registration = registry.addInterceptor(this).addPathPatterns("/account", "/account/**", "/t/*/account", "/t/*/account/**");
        for (String open : OPEN) {
            registration.excludePathPatterns("/account/" + open, "/t/*/account/" + open);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // an account's session names its person's party once the account is ACTIVE and real-name verified (PartySessions
        // reads it with the session, on every request): no second read of the account here
        if (auth != null && auth.getPrincipal() instanceof PartyPrincipal p && p.accountId() != null && p.partyId() == null) {
            response.sendRedirect(PageActions.base(request) + "/account/real-name");
            return false;
        }
        return true;
    }
}
