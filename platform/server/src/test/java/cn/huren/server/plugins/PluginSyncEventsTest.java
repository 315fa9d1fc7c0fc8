package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.SyncEvent;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import cn.huren.server.tenancy.TenantJdbc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The SyncEvents host service a plugin context gets: its regional pushes go through the tenant's outbox. */
@IntegrationTest
class PluginSyncEventsTest {

    @LocalServerPort
    int port;
    @Autowired
    HostServices hostServices;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TenantJdbc jdbc;

    @Test
    @DisplayName("X-03: a plugin publishes <pluginId>.<name> events for its own tenants only; a bad name or key is refused")
    void publish() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("psyj", "jiangsu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("psys", "shanxi"));
        SyncEvents jiangsu = hostServices.syncEvents("jiangsu");

        TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("integrity.pushed", "91320100MA0000001X",
                Map.of("city", "南京"))));
        List<String> types = TenantContext.callAs(tenants.require("psyj"),
                () -> jdbc.client().sql("select type from outbox_event").query(String.class).list());
        assertThat(types).containsExactly("jiangsu.integrity.pushed");

        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psys"), () -> jiangsu.publish(new SyncEvent("x", "k", null))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("Bad Name", "k", null))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("ok", " ", null))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
