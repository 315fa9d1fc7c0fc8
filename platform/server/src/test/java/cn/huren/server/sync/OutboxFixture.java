package cn.huren.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.Tenants;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** Tenants, subscribed clients and published events for the outbox tests, through the real API and services. */
final class OutboxFixture {

    record Client(String id, String secret) {
    }

    private final int port;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final TransactionTemplate tx;

    OutboxFixture(int port, TenantDirectory tenants, Outbox outbox, TransactionTemplate tx) {
        this.port = port;
        this.tenants = tenants;
        this.outbox = outbox;
        this.tx = tx;
    }

    void tenant(String code, String plugin) {
        assertThat(HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(code, plugin, code + ".localhost")).status())
                .isEqualTo(201);
    }

    Client client(String tenant, String webhookUrl, List<String> events) {
        HttpApi.Reply created = HttpApi.operator(port).post("/api/platform/tenants/" + tenant + "/clients", Map.of("name", "交易系统 " + tenant,
                "scopes", List.of("registry:read", "events:read"), "webhookUrl", webhookUrl, "events", events));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode json = created.json();
        return new Client(json.get("clientId").asText(), json.get("secret").asText());
    }

    /** {@code count} events round-robin over {@code keys}, each in a transaction of its own; their ids in publication order. */
    List<UUID> publish(String tenant, String type, List<String> keys, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keys.get(i % keys.size());
            int n = i;
            ids.add(TenantContext.callAs(tenants.require(tenant),
                    () -> tx.execute(s -> outbox.publish(type, key, Map.of("n", n)))));
        }
        return ids;
    }

    OutboxAdmin.Summary summary(String tenant) {
        JsonNode json = HttpApi.operator(port).get("/api/platform/tenants/" + tenant + "/outbox").json();
        return new OutboxAdmin.Summary(json.get("pending").asLong(), json.get("delivered").asLong(), json.get("dead").asLong(), null);
    }
}
