package cn.huren.server.support;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The request path as Spring MVC matches it: decoded, without path parameters, within the
 * application. Every check that guards a route must look at this path, never the raw URI:
 * {@code /api/%74/js/…} is {@code /api/t/js/…} to MVC.
 */
public final class Paths {

    private static final UrlPathHelper HELPER = new UrlPathHelper();

    static {
        HELPER.setUrlDecode(true);
        HELPER.setRemoveSemicolonContent(true);
    }

    private Paths() {
    }

    public static String of(HttpServletRequest request) {
        return HELPER.getPathWithinApplication(request);
    }
}
