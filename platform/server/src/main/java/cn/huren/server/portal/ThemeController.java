package cn.huren.server.portal;

import cn.huren.server.tenancy.TenantContext;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's colours as a stylesheet, so pages need no inline styles (CSP style-src 'self').
 * The colour is validated (#rrggbb) when stored, so it is safe to write into CSS.
 */
@RestController
class ThemeController {

    @GetMapping(value = {"/theme.css", "/t/{tenant}/theme.css"}, produces = "text/css")
    ResponseEntity<String> theme() {
        PortalTheme theme = PortalTheme.of(TenantContext.current());
        String css = ":root { --brand: " + theme.primaryColor() + "; --brand-contrast: " + theme.contrastColor() + "; }\n";
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("text/css;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
                .eTag(Integer.toHexString(css.hashCode()))
                .body(css);
    }
}
