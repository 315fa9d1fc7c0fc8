package cn.huren.server.portal;

import cn.huren.server.login.LoginMethodCatalog;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The login page (every method this tenant offers) and the frame sections later features fill
 * (delegation, orders); overview, registry and certificates have their own pages.
 */
@Controller
class PortalPagesController {

    static final List<String> SECTIONS = List.of("overview", "registry", "certificates", "delegation", "orders");

    private final LoginMethodCatalog loginMethods;

    PortalPagesController(LoginMethodCatalog loginMethods) {
        this.loginMethods = loginMethods;
    }

    @GetMapping({"/login", "/t/{tenant}/login"})
    String login(HttpServletRequest request, Model model) {
        TenantDescriptor tenant = PortalAdvice.tenant();
        model.addAttribute("methods", loginMethods.forTenant(tenant, PortalAdvice.base(request, TenantContext.current())));
        PortalSession.takeNotice(request, tenant).ifPresent(n -> model.addAttribute("notice", n));
        return "portal/login";
    }

    @GetMapping({"/{section:delegation|orders}", "/t/{tenant}/{section:delegation|orders}"})
    String section(@PathVariable String section, Principal party, Model model) {
        PortalAdvice.tenant();
        model.addAttribute("section", section);
        model.addAttribute("sections", SECTIONS);
        model.addAttribute("party", party);
        return "portal/frame";
    }
}
