package cn.huren.server.portal;

import cn.huren.server.support.Paths;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page its theme and the path prefix its links need (/t/{code} or none). */
@ControllerAdvice(assignableTypes = {HomeController.class, PortalPagesController.class, ErrorPages.class})
class PortalAdvice {

    @ModelAttribute("theme")
    PortalTheme theme() {
        return PortalTheme.of(TenantContext.current());
    }

    @ModelAttribute("base")
    String base(HttpServletRequest request) {
        return base(request, TenantContext.current());
    }

    static String base(HttpServletRequest request, Optional<TenantDescriptor> tenant) {
        String uri = Paths.of(request);
        return tenant.filter(t -> uri.startsWith("/t/" + t.code())).map(t -> "/t/" + t.code()).orElse("");
    }
}
