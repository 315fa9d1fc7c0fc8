package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.BankTransfer;
import cn.huren.plugin.api.BankTransferQuery;
import cn.huren.plugin.api.BankTransferVerifier;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.banktransfer.BankSandbox;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plugins ask about bank transfers through plugin-api's BankTransferVerifier, the host's; with sandboxes the sandbox bank answers. */
@IntegrationTest
class PluginBankTransferVerifierTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    BankTransferVerifier host;
    @Autowired
    BankSandbox sandbox;
    @Autowired
    Clock clock;

    @Test
    @DisplayName("a plugin's BankTransferVerifier is the host's and asks the current tenant's bank (here the sandbox bank): nothing until received")
    void pluginAsksThroughTheHost() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("btplug", "jiangsu"));
        BankTransferVerifier plugins = hostServices.parentContext().getBean(BankTransferVerifier.class);
        assertThat(plugins).isSameAs(host);
        Instant from = clock.instant().minus(Duration.ofMinutes(1));

        Optional<BankTransfer> before = tenants.callAs("btplug", () -> plugins.findTransfer(
                new BankTransferQuery("955880000000000001", "135790", 42, from, clock.instant())));
        BankTransfer sent = tenants.callAs("btplug", () -> sandbox.receive("135790", "插件打款有限公司", 42));
        Optional<BankTransfer> after = tenants.callAs("btplug", () -> plugins.findTransfer(
                new BankTransferQuery("955880000000000001", "135790", 42, from, clock.instant())));

        assertThat(before).isEmpty();
        assertThat(after).contains(sent);
    }
}
