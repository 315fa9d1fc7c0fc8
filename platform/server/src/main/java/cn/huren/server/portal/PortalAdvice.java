package cn.huren.server.portal;

import cn.huren.server.session.PartySessions;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page its theme and the path prefix its links need (/t/{code} or none). */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
class PortalAdvice {

    @ModelAttribute("theme")
    PortalTheme theme() {
        return PortalTheme.of(TenantContext.current());
    }

    /** The signed-in certificate holder, if any: the header shows who and offers logout. */
    @ModelAttribute("me")
    PartySessions.PartyPrincipal me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof PartySessions.PartyPrincipal p ? p : null;
    }

    @ModelAttribute("base")
    String base(HttpServletRequest request) {
        return base(request, TenantContext.current());
    }

    /** The tenant a portal page belongs to; outside one there is no such page. */
    static TenantDescriptor tenant() {
        return TenantContext.current().orElseThrow(() -> ApiException.notFound("not-found", "portal pages belong to a tenant"));
    }

    static String base(HttpServletRequest request, Optional<TenantDescriptor> tenant) {
        String uri = Paths.of(request);
        return tenant.filter(t -> uri.startsWith("/t/" + t.code())).map(t -> "/t/" + t.code()).orElse("");
    }
}
