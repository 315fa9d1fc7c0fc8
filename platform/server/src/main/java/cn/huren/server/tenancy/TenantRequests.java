package cn.huren.server.tenancy;

import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which tenant a request is for: from the Host header ({@code js.localhost}) or the path prefix
 * ({@code /t/js/…}, {@code /api/t/js/…}). A request whose host and path name different tenants is
 * refused, an unknown tenant is 404 (never a default one), and a tenant that cannot serve right now
 * is 503. Used by {@link TenantResolutionFilter} and by endpoints answered before it.
 */
@Component
public class TenantRequests {

    private static final Pattern TENANT_PATH = Pattern.compile("^/(?:api/)?t/([^/]+)(?:/.*)?$");
    private static final List<String> PLATFORM_PATHS = List.of("/api/platform", "/console", "/actuator",
            "/v3/api-docs", "/swagger-ui");

    private final TenantDirectory directory;
    private final TenantPluginSupport plugins;
    private final TenantSchemas schemas;
    private final String tenantHostSuffix;

    TenantRequests(TenantDirectory directory, TenantPluginSupport plugins, TenantSchemas schemas,
                   @Value("${huren.tenant-host-suffix:.localhost}") String tenantHostSuffix) {
        this.directory = directory;
        this.plugins = plugins;
        this.schemas = schemas;
        this.tenantHostSuffix = tenantHostSuffix.toLowerCase(Locale.ROOT);
    }

    /** The tenant of a request for {@code path} (decoded, without context path); empty for the platform's own paths. */
    public Optional<TenantDescriptor> resolve(HttpServletRequest request, String path) {
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

    /** 503 for a suspended tenant or one whose plugin or schema is not available. */
    public void requireServable(TenantDescriptor tenant) {
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
