package cn.huren.server.support;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/** The headers every page and API answer carries: no inline script or style, no framing. */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static void apply(HeadersConfigurer<HttpSecurity> headers) {
        apply(headers, "");
    }

    /** @param connectSources extra origins scripts may call (the local certificate signer of a USB key) */
    public static void apply(HeadersConfigurer<HttpSecurity> headers, String connectSources) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy(connectSources, "")))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    /**
     * The headers Spring Security adds, for an answer written without it (a filter in front of it,
     * Tomcat's own error report).
     */
    public static Map<String, String> fixed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", policy("", ""));
        headers.put("Referrer-Policy", "same-origin");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-XSS-Protection", "0");
        headers.put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        headers.put("Pragma", "no-cache");
        headers.put("Expires", "0");
        return headers;
    }

    public static void write(HttpServletResponse response) {
        fixed().forEach(response::setHeader);
    }

    /** The one policy, with extra origins scripts may call and forms may post to (a page that hands over to another site). */
    public static String policy(String connectSources, String formActions) {
        return "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'"
                + (connectSources.isBlank() ? "" : " " + connectSources) + "; frame-ancestors 'none'; form-action 'self'"
                + (formActions.isBlank() ? "" : " " + formActions);
    }
}
