package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every v1 endpoint needs the scope its {@link RequiresScope} names; one without the annotation is
 * refused to every client, so a forgotten annotation closes the endpoint rather than opening it.
 */
@Configuration(proxyBeanMethods = false)
class ScopeCheck implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/t/*/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ClientPrincipal client)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "a signed request of an API client is required");
        }
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient-scope", "this endpoint is open to no client");
        }
        if (!client.scopes().contains(required.value())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient-scope",
                    "client " + client.clientId() + " lacks the scope " + required.value().code() + " this endpoint needs");
        }
        return true;
    }
}
