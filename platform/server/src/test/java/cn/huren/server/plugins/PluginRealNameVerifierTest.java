package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.IdentityClaim;
import cn.huren.plugin.api.IdentityDocumentType;
import cn.huren.plugin.api.RealNameResult;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plugins reach real-name checks through plugin-api's RealNameVerifier, the host's; with sandboxes the sandbox answers. */
@IntegrationTest
class PluginRealNameVerifierTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    RealNameVerifier host;

    @Test
    @DisplayName("a plugin's RealNameVerifier is the host's and checks against the current tenant's provider (here the sandbox)")
    void pluginVerifiesThroughTheHost() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("rnplug", "jiangsu"));
        RealNameVerifier plugins = hostServices.parentContext().getBean(RealNameVerifier.class);
        assertThat(plugins).isSameAs(host);

        RealNameResult matched = tenants.callAs("rnplug", () -> plugins.verifyIdentity(
                new IdentityClaim("插件甲", IdentityDocumentType.RESIDENT_ID, "11010519491231002X")));
        RealNameResult mismatched = tenants.callAs("rnplug", () -> plugins.verifyIdentity(
                new IdentityClaim("信息不符", IdentityDocumentType.RESIDENT_ID, "11010519491231002X")));

        assertThat(matched.outcome()).isEqualTo(RealNameResult.Outcome.MATCH);
        assertThat(matched.reference()).startsWith("sandbox-");
        assertThat(mismatched.outcome()).isEqualTo(RealNameResult.Outcome.MISMATCH);
    }
}
