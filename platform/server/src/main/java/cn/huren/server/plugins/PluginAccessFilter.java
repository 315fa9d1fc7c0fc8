package cn.huren.server.plugins;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A plugin's endpoints exist only for tenants assigned that plugin; for any other tenant: 404. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class PluginAccessFilter extends OncePerRequestFilter {

    private static final Pattern PLUGIN_PATH = Pattern.compile("^/api/t/[^/]+/plugins/([^/]+)(?:/.*)?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = PLUGIN_PATH.matcher(Paths.of(request));
        if (m.matches()) {
            Optional<TenantDescriptor> tenant = TenantContext.current();
            if (tenant.isEmpty() || !tenant.get().pluginId().equals(m.group(1))) {
                Problems.write(response, ApiException.notFound("not-found",
                        "no plugin " + m.group(1) + " for this tenant"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
