package cn.huren.server.support;

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

    /** The one policy, with extra origins scripts may call and forms may post to (a page that hands over to another site). */
    public static String policy(String connectSources, String formActions) {
        return "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'"
                + (connectSources.isBlank() ? "" : " " + connectSources) + "; frame-ancestors 'none'; form-action 'self'"
                + (formActions.isBlank() ? "" : " " + formActions);
    }
}
