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
import cn.huren.server.tenancy.TenantData;
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
    TenantData data;

    @Test
    @DisplayName("X-03: a plugin publishes <pluginId>.<name> events for its own tenants only; a bad name or key is refused")
    void publish() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("psyj", "jiangsu"));
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("psys", "shanxi"));
        SyncEvents jiangsu = hostServices.syncEvents("jiangsu");

        TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("integrity.pushed", "91320100MA0000001X",
                Map.of("city", "南京"))));
        List<String> types = TenantContext.callAs(tenants.require("psyj"),
                () -> data.jdbc().sql("select type from outbox_event").query(String.class).list());
        assertThat(types).containsExactly("jiangsu.integrity.pushed");

        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psys"), () -> jiangsu.publish(new SyncEvent("x", "k", null))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("Bad Name", "k", null))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psyj"), () -> jiangsu.publish(new SyncEvent("ok", " ", null))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an addressed event is delivered to exactly its listed clients that have a webhook, subscribed or not "
            + "(a disabled one's delivery waits for it); a webhook-less and an unknown recipient get none, nor does a subscriber not listed")
    void addressed() {
        HttpApi operator = HttpApi.operator(port);
        operator.post("/api/platform/tenants", Tenants.body("psya", "jiangsu"));
        String listed = client(operator, "南京", "http://127.0.0.1:9/nj", List.of());
        String disabled = client(operator, "苏州", "http://127.0.0.1:9/sz", List.of());
        String noWebhook = client(operator, "无锡", null, List.of());
        String subscriber = client(operator, "常州", "http://127.0.0.1:9/cz", List.of("jiangsu.*"));
        assertThat(operator.post("/api/platform/tenants/psya/clients/" + disabled + "/disable", null).status()).isEqualTo(200);

        TenantContext.runAs(tenants.require("psya"), () -> hostServices.syncEvents("jiangsu").publish(new SyncEvent("status-sync", "7",
                Map.of("status", "VOIDED"), List.of(listed, disabled, noWebhook, "no-such-client", listed))));

        List<String> deliveries = TenantContext.callAs(tenants.require("psya"),
                () -> data.jdbc().sql("select client_id from outbox_delivery").query(String.class).list());
        assertThat(deliveries).containsExactlyInAnyOrder(listed, disabled).doesNotContain(subscriber);
        assertThatThrownBy(() -> TenantContext.runAs(tenants.require("psya"), () -> hostServices.syncEvents("jiangsu")
                .publish(new SyncEvent("status-sync", "7", Map.of(), List.of(" ")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String client(HttpApi operator, String name, String webhook, List<String> events) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "scopes", List.of("registry:read", "events:read"),
                "events", events));
        if (webhook != null) {
            body.put("webhookUrl", webhook);
        }
        HttpApi.Reply created = operator.post("/api/platform/tenants/psya/clients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }
}
