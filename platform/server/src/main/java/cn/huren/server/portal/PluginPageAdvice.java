package cn.huren.server.portal;

import cn.huren.server.support.Paths;
import cn.huren.server.tenancy.TenantConfigurationStatus;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.ui.Model;
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
}
