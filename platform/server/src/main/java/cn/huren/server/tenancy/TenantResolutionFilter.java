package cn.huren.server.tenancy;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the request to its tenant ({@link TenantRequests}) before security, MVC or any transaction.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TenantResolutionFilter extends OncePerRequestFilter {

    private static final Pattern ASSETS = Pattern.compile("^(/t/[^/]+)?/(theme\\.css|css/.*|favicon\\.ico)$");

    private final TenantRequests tenants;

    TenantResolutionFilter(TenantRequests tenants) {
        this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TenantDescriptor> tenant;
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // the error page is rendered in the tenant's branding, whatever state the tenant is in
            tenant = resolveLeniently(request);
        } else {
            try {
                tenant = tenants.resolve(request, path(request));
                if (!ASSETS.matcher(path(request)).matches()) {
                    // assets stay served so that a suspended portal's error page keeps its branding
                    tenant.ifPresent(tenants::requireServable);
                }
            } catch (ApiException e) {
                refuse(request, response, e);
                return;
            }
        }
        TenantContext.set(tenant.orElse(null));
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.set(null);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** Browsers get a page (rendered by /error), everything else problem+json. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        String accept = String.valueOf(request.getHeader("Accept"));
        if (!path(request).startsWith("/api/") && accept.contains("text/html")) {
            request.setAttribute(Problems.KIND_ATTRIBUTE, e.kind());
            response.sendError(e.status().value(), e.getMessage());
        } else {
            Problems.write(response, e);
        }
    }

    private Optional<TenantDescriptor> resolveLeniently(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        try {
            return tenants.resolve(request, original instanceof String uri ? uri : path(request));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static String path(HttpServletRequest request) {
        return Paths.of(request);
    }
}
