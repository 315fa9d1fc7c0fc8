package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.tenancy.Branding;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantStatus;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/** The security filter chains stand in the order {@link SecurityChainOrder} declares; each request goes to the chain it always did. */
@IntegrationTest
class SecurityChainOrderTest {

    static final TenantDescriptor TENANT = new TenantDescriptor("js", "江苏", "Jiangsu", TenantStatus.ACTIVE, null, List.of("js.localhost"),
            new Branding(null, null, null));

    @Autowired
    FilterChainProxy security;

    @Test
    @DisplayName("the chains run client API, platform, login API, party API, OpenID provider, portal")
    void order() {
        assertThat(security.getFilterChains().stream().map(SecurityChainOrderTest::name).toList())
                .containsExactly("client-api", "platform", "login-api", "party-api", "oidc-provider", "portal");
    }

    @Test
    @DisplayName("each request is taken by the chain of its kind: the first chain that matches it")
    void matching() {
        assertThat(first("GET", "/api/t/js/v1/parties")).isEqualTo("client-api");
        assertThat(first("GET", "/api/platform/tenants")).isEqualTo("platform");
        assertThat(first("GET", "/console/tenants")).isEqualTo("platform");
        assertThat(first("POST", "/api/t/js/login/challenges")).isEqualTo("login-api");
        assertThat(first("POST", "/api/t/js/login/challenges/abc/response")).isEqualTo("login-api");
        for (String account : List.of("sms-codes", "accounts", "account-sessions", "password-resets")) {
            assertThat(first("POST", "/api/t/js/" + account)).as(account).isEqualTo("login-api");
        }
        assertThat(first("GET", "/api/t/js/me")).isEqualTo("party-api");
        assertThat(first("GET", "/api/t/js/me/account")).isEqualTo("party-api");
        assertThat(first("POST", "/api/t/js/me/certificates/7/check")).isEqualTo("party-api");
        assertThat(TenantContext.callAs(TENANT, () -> first("POST", "/oauth2/token"))).isEqualTo("oidc-provider");
        assertThat(TenantContext.callAs(TENANT, () -> first("GET", "/.well-known/openid-configuration"))).isEqualTo("oidc-provider");
        assertThat(first("POST", "/oauth2/token")).as("no tenant, no OpenID provider").isEqualTo("portal");
        assertThat(first("GET", "/t/js/overview")).isEqualTo("portal");
        assertThat(first("GET", "/login/mobile")).isEqualTo("portal");
        // plugins: pages on the portal, the signed-in person's endpoints on the party API, signed requests on the client API
        assertThat(first("GET", "/p/neimenggu/status")).isEqualTo("portal");
        assertThat(first("POST", "/t/nmg/p/neimenggu/status")).isEqualTo("portal");
        assertThat(first("GET", "/api/t/nmg/plugins/neimenggu/me/whoami")).isEqualTo("party-api");
        assertThat(first("GET", "/api/t/nmg/plugins/neimenggu/info")).isEqualTo("portal");
        MockHttpServletRequest signed = new MockHttpServletRequest("GET", "/api/t/nmg/plugins/neimenggu/me/whoami");
        signed.setServletPath(signed.getRequestURI());
        signed.addHeader("X-Huren-Client", "hohhot");
        assertThat(security.getFilterChains().stream().filter(c -> c.matches(signed)).findFirst().map(SecurityChainOrderTest::name))
                .contains("client-api");
    }

    private String first(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return security.getFilterChains().stream().filter(c -> c.matches(request)).findFirst().map(SecurityChainOrderTest::name)
                .orElse("none");
    }

    /** Which chain it is, by the filter only it has (the login API's has none of its own). */
    private static String name(SecurityFilterChain chain) {
        List<String> filters = chain.getFilters().stream().map(f -> f.getClass().getName()).toList();
        if (filters.contains("cn.huren.server.client.SignedRequestFilter")) {
            return "client-api";
        }
        if (filters.contains("org.springframework.security.web.authentication.www.BasicAuthenticationFilter")) {
            return "platform";
        }
        if (filters.contains("cn.huren.server.session.PartyTokenFilter")) {
            return "party-api";
        }
        if (filters.contains("cn.huren.server.oidc.PartyBridge")) {
            return "oidc-provider";
        }
        if (filters.contains("cn.huren.server.portal.PortalSession$Filter")) {
            return "portal";
        }
        return filters.stream().anyMatch(f -> f.startsWith("cn.huren.server.")) ? String.join(",", filters) : "login-api";
    }
}
