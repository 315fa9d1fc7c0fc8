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

    @Test
    @DisplayName("X-03: a plugin reads how its own events stand with each recipient and queues a dead one again; another plugin's "
            + "or a core event is none of its business (nothing read, nothing queued)")
    void deliveriesOfItsOwnEvents() {
        HttpApi operator = HttpApi.operator(port);
        assertThat(operator.post("/api/platform/tenants", Tenants.body("psyd", "jiangsu")).status()).isEqualTo(201);
        String listed = client(operator, "psyd", "南京", "http://127.0.0.1:9/nj", List.of("*"));
        var tenant = tenants.require("psyd");
        SyncEvents jiangsu = hostServices.syncEvents("jiangsu");
        java.util.UUID own = TenantContext.callAs(tenant, () -> jiangsu.publish(new SyncEvent("status-sync", "8", Map.of(), List.of(listed))));
        java.util.UUID core = TenantContext.callAs(tenant, () -> tx.execute(st -> outbox.publish("record.submitted", "8", Map.of())));

        List<SyncEvents.Delivery> deliveries = TenantContext.callAs(tenant, () -> jiangsu.deliveries(own));
        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.clientId()).isEqualTo(listed);
            assertThat(d.status()).isEqualTo("PENDING");
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).isNotNull();
        });
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.deliveries(core))).as("a core event").isEmpty();
        assertThatThrownBy(() -> TenantContext.callAs(tenant, () -> hostServices.syncEvents("neimenggu").deliveries(own)))
                .as("another plugin, whose tenant this is not").isInstanceOf(IllegalStateException.class);
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.redeliver(own))).as("not dead").isZero();

        TenantContext.runAs(tenant, () -> data.jdbc().sql("update outbox_delivery set status = 'DEAD', attempts = 6, dead_at = now(), "
                + "last_status = 503, last_error = 'HTTP 503 busy'").update());
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.deliveries(own))).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("DEAD");
            assertThat(d.lastStatus()).isEqualTo(503);
            assertThat(d.nextAttemptAt()).as("not retried").isNull();
        });
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.redeliver(core))).as("a core event").isZero();
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.redeliver(own))).isEqualTo(1);
        assertThat(TenantContext.callAs(tenant, () -> jiangsu.deliveries(own))).singleElement()
                .satisfies(d -> assertThat(List.of(d.status(), d.attempts())).containsExactly("PENDING", 0));
        assertThat(TenantContext.callAs(tenant, () -> data.jdbc().sql("select status from outbox_delivery d join outbox_event e "
                + "on e.seq = d.event_seq where e.id = ?").param(core).query(String.class).single())).as("the core's stays dead").isEqualTo("DEAD");
    }

    @Autowired
    cn.huren.server.sync.Outbox outbox;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    private static String client(HttpApi operator, String name, String webhook, List<String> events) {
        return client(operator, "psya", name, webhook, events);
    }

    private static String client(HttpApi operator, String tenant, String name, String webhook, List<String> events) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "scopes", List.of("registry:read", "events:read"),
                "events", events));
        if (webhook != null) {
            body.put("webhookUrl", webhook);
        }
        HttpApi.Reply created = operator.post("/api/platform/tenants/" + tenant + "/clients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }
}
