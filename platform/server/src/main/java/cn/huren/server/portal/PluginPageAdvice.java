package cn.huren.server.portal;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import cn.huren.server.tenancy.TenantConfigurationStatus;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The portal's model for a plugin's portal pages ({@code /p/{pluginId}/…}, {@code /t/{tenant}/p/{pluginId}/…}): what
 * {@link PortalAdvice} gives the core's pages ({@code theme}, {@code base}, {@code me}), the side nav's
 * {@code sections} for a signed-in party, and {@code configurationMissing} (NMG-01: what the tenant's
 * configuration still lacks), so a plugin template can use {@code ~{portal/page :: page(title, ~{::content})}}.
 * Plugin controllers live in their own packages, hence an advice for every controller that acts on page paths only.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1) // before support's PageProblemHandler; REST controllers go to its ProblemHandler first
class PluginPageAdvice {

    private static final Pattern PLUGIN_PAGE = Pattern.compile("^(/t/[^/]+)?/p/[^/]+(/.*)?$");

    private final PortalAdvice portal = new PortalAdvice();
    private final TenantConfigurationStatus configuration;

    PluginPageAdvice(TenantConfigurationStatus configuration) {
        this.configuration = configuration;
    }

    @ModelAttribute
    void pluginPage(HttpServletRequest request, Model model) {
        Optional<TenantDescriptor> tenant = TenantContext.current();
        if (tenant.isEmpty() || !PLUGIN_PAGE.matcher(Paths.of(request)).matches()) {
            return;
        }
        model.addAttribute("theme", portal.theme());
        model.addAttribute("base", PortalAdvice.base(request, tenant));
        var me = portal.me();
        model.addAttribute("me", me);
        model.addAttribute("sections", me == null ? List.of() : PortalPagesController.SECTIONS);
        model.addAttribute("configurationMissing", configuration.missing(tenant.get()));
    }

    /**
     * A plugin page's refusal: 401 sends the browser to the portal's login, and back to this page after it (a GET);
     * any other status shows the error page of that status.
     */
    @ExceptionHandler(PluginProblem.class)
    void refused(PluginProblem e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<TenantDescriptor> tenant = TenantContext.current();
        if (e.status() == 401 && tenant.isPresent() && PLUGIN_PAGE.matcher(Paths.of(request)).matches()) {
            if ("GET".equals(request.getMethod())) {
                PortalLogin.continueHereAfterLogin(request);
            }
            response.sendRedirect(PortalAdvice.base(request, tenant) + "/login");
            return;
        }
        request.setAttribute(Problems.KIND_ATTRIBUTE, e.code());
        response.sendError(e.status() >= 400 && e.status() <= 599 ? e.status() : 500, e.getMessage());
    }
}
