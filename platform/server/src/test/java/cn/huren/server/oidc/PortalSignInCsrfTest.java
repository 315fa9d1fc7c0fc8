package cn.huren.server.oidc;

import static cn.huren.server.oidc.TenantBrowser.find;
import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.IntegrationTest;
import cn.huren.server.certificate.KeyAlgorithm;
import cn.huren.server.democa.DemoCertificateAuthority;
import cn.huren.server.democa.DemoCertificateAuthority.Issued;
import cn.huren.server.login.PartyClient;
import cn.huren.server.party.RegisteredParties;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portal's sign-in (a certificate's session handed to the browser) rotates the browser's CSRF token. Here for {@link TenantBrowser}. */
@IntegrationTest
class PortalSignInCsrfTest {

    static final String CSRF = "name=\"_csrf\" value=\"([^\"]+)\"";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("signing in to the portal rotates its CSRF token: the token of the sign-in page no longer works")
    void csrfRotatedAtSignIn() throws Exception {
        DemoCertificateAuthority ca = DemoCertificateAuthority.root("Portal CSRF CA", KeyAlgorithm.EC);
        PartyClient.tenantTrusting(port, "pcsrf", "jiangsu", ca, "pcsrf.localhost");
        Issued holder = PartyClient.enterpriseCertificate(ca, "跨站测试公司", RegisteredParties.uscc(9801));
        TenantBrowser browser = new TenantBrowser(port, "pcsrf.localhost");
        String before = find(browser.get("/login/mobile").body(), CSRF);

        assertThat(TenantBrowser.location(browser.signIn("pcsrf", holder))).endsWith("/login/next");

        // refused: the portal's one access-denied answer sends the browser on to /login/next, still signed in
        assertThat(TenantBrowser.location(browser.post("/logout", Map.of("_csrf", before)))).as("the token from before sign-in")
                .endsWith("/login/next");
        assertThat(TenantBrowser.location(browser.get("/login/next"))).as("still signed in").endsWith("/register");

        String after = find(browser.get("/login/mobile").body(), CSRF);
        assertThat(TenantBrowser.location(browser.post("/logout", Map.of("_csrf", after)))).as("the new token signs out").endsWith("/");
        assertThat(TenantBrowser.location(browser.get("/login/next"))).as("signed out").endsWith("/login");
    }
}
