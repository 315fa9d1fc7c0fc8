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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the request to its tenant before security, MVC or any transaction: from the Host header
 * ({@code js.localhost}) or the path prefix ({@code /t/js/…}, {@code /api/t/js/…}). Refuses a
 * request whose host and path name different tenants, answers 404 for an unknown tenant (never a
 * default one) and 503 for a suspended tenant or one whose plugin or schema is not available.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class TenantResolutionFilter extends OncePerRequestFilter {

    private static final Pattern TENANT_PATH = Pattern.compile("^/(?:api/)?t/([^/]+)(?:/.*)?$");
    private static final Pattern ASSETS = Pattern.compile("^(/t/[^/]+)?/(theme\\.css|css/.*|favicon\\.ico)$");
    private static final List<String> PLATFORM_PATHS = List.of("/api/platform", "/console", "/actuator",
            "/v3/api-docs", "/swagger-ui");

    private final TenantDirectory directory;
    private final TenantPluginSupport plugins;
    private final TenantSchemas schemas;
    private final String tenantHostSuffix;

    TenantResolutionFilter(TenantDirectory directory, TenantPluginSupport plugins, TenantSchemas schemas,
                           @Value("${huren.tenant-host-suffix:.localhost}") String tenantHostSuffix) {
        this.directory = directory;
        this.plugins = plugins;
        this.schemas = schemas;
        this.tenantHostSuffix = tenantHostSuffix.toLowerCase(Locale.ROOT);
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
                tenant = resolve(request, path(request));
                if (!ASSETS.matcher(path(request)).matches()) {
                    // assets stay served so that a suspended portal's error page keeps its branding
                    tenant.ifPresent(this::requireServable);
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
            return resolve(request, original instanceof String uri ? uri : path(request));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static String path(HttpServletRequest request) {
        return Paths.of(request);
    }

    private Optional<TenantDescriptor> resolve(HttpServletRequest request, String path) {
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        Optional<TenantDescriptor> byHost = directory.byHost(host);
        Matcher m = TENANT_PATH.matcher(path);
        if (m.matches()) {
            String code = m.group(1);
            TenantDescriptor byPath = directory.byCode(code)
                    .orElseThrow(() -> ApiException.notFound("unknown-tenant", "no tenant " + code));
            if (byHost.isPresent() && !byHost.get().code().equals(byPath.code())) {
                throw ApiException.badRequest("tenant-mismatch",
                        "host " + host + " belongs to tenant " + byHost.get().code() + ", the path names " + code);
            }
            return Optional.of(byPath);
        }
        if (byHost.isPresent()) {
            if (PLATFORM_PATHS.stream().anyMatch(path::startsWith)) {
                // the platform is not reachable through a province's domain
                throw ApiException.notFound("not-found", "no such resource on this portal");
            }
            return byHost;
        }
        if (host.endsWith(tenantHostSuffix) && !PLATFORM_PATHS.stream().anyMatch(path::startsWith)) {
            throw ApiException.notFound("unknown-tenant", "no tenant is served at host " + host);
        }
        return Optional.empty();
    }

    private void requireServable(TenantDescriptor tenant) {
        if (tenant.status() == TenantStatus.SUSPENDED) {
            throw ApiException.unavailable("tenant-suspended", "the " + tenant.nameEn() + " portal is suspended");
        }
        if (!plugins.started(tenant.pluginId()).orElse(false)) {
            // the reason (an exception message) is for operators: plugin list and logs
            throw ApiException.unavailable("plugin-unavailable", "the " + tenant.nameEn()
                    + " portal is temporarily unavailable: a regional service is not running");
        }
        schemas.unavailableReason(tenant.code()).ifPresent(reason -> {
            throw ApiException.unavailable("tenant-unavailable", "the " + tenant.nameEn()
                    + " portal is temporarily unavailable: its data could not be migrated");
        });
    }
}
