package cn.huren.server.client;

import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.WebhookTargets;
import cn.huren.server.tenancy.TenantData;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API clients as webhook targets of the outbox, for the current tenant. Subscriptions are read
 * in the publishing transaction (a client gets the events committed after it subscribed); targets
 * are request authentication's cached view of a client.
 */
@Component
class ClientWebhooks implements WebhookTargets {

    private record Subscription(String clientId, List<String> patterns) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ApiClients clients;

    ClientWebhooks(TenantData data, PlatformTransactionManager transactions, ApiClients clients) {
        // joins the caller's transaction (the publishing one), hence its tenant schema
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clients = clients;
    }

    @Override
    public List<String> subscribers(String eventType) {
        return tx.execute(s -> jdbc.sql(
                        // disabled clients too: their deliveries wait until they are enabled again, nothing is skipped
                        "select id, events from api_client where webhook_url is not null and events is not null order by id")
                .query((rs, n) -> new Subscription(rs.getString("id"), read(rs.getString("events")))).list()).stream()
                .filter(c -> c.patterns().stream().anyMatch(p -> EventTypes.matches(p, eventType)))
                .map(Subscription::clientId).toList();
    }

    @Override
    public List<String> reachable(Collection<String> clientIds) {
        List<String> wanted = clientIds.stream().distinct().toList();
        Set<String> found = new HashSet<>(tx.execute(s -> jdbc.sql(
                        // a disabled one too: its delivery waits until it is enabled again
                        "select id from api_client where webhook_url is not null and id = any(?::varchar[])")
                .param(wanted.toArray(String[]::new)).query(String.class).list()));
        return wanted.stream().filter(found::contains).toList();
    }

    /** From the client as request authentication caches it (same few seconds, same invalidation on change). */
    @Override
    public Optional<Target> target(String clientId) {
        return clients.forRequest(clientId).filter(c -> c.webhookUrl() != null).map(c -> new Target(c.webhookUrl(), c.key(), c.enabled()));
    }

    static String write(List<String> events) {
        return events == null || events.isEmpty() ? null : String.join(",", events);
    }

    static List<String> read(String events) {
        return events == null || events.isBlank() ? List.of() : Arrays.asList(events.split(","));
    }
}
