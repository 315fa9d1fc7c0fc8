package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
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
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            PluginApiCallers.principal().orElseThrow(ScopeCheck::unauthenticated);
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient-scope", "this endpoint is open to no client");
        }
        require(required.value());
        return true;
    }

    /** The signed request's client, which must hold {@code scope}: 401 without a client, 403 without the scope. */
    static ClientPrincipal require(Scope scope) {
        return require(PluginApiCallers.principal().orElseThrow(ScopeCheck::unauthenticated), scope);
    }

    /** 403 unless {@code client} holds {@code scope}. */
    static ClientPrincipal require(ClientPrincipal client, Scope scope) {
        if (!client.scopes().contains(scope)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient-scope",
                    "client " + client.clientId() + " lacks the scope " + scope.code() + " this endpoint needs");
        }
        return client;
    }

    private static ApiException unauthenticated() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "a signed request of an API client is required");
    }
}
