package cn.huren.server.client;

import cn.huren.server.support.SecretBox;
import cn.huren.server.sync.EventTypes;
import cn.huren.server.sync.WebhookTargets;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API clients as webhook targets of the outbox, for the current tenant. Subscriptions are read
 * in the publishing transaction (a client gets the events committed after it subscribed); targets,
 * with the opened secret, are cached for seconds like request authentication's view of a client.
 */
@Component
class ClientWebhooks implements WebhookTargets {

    private record Subscription(String clientId, List<String> patterns) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox secrets;
    private final Cache<String, Optional<Target>> cached = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    ClientWebhooks(DataSource dataSource, PlatformTransactionManager transactions, SecretBox secrets) {
        // joins the caller's transaction (the publishing one), hence its tenant schema
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
        this.tx = new TransactionTemplate(transactions);
        this.secrets = secrets;
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

    @Override
    public Optional<Target> target(String clientId) {
        return cached.get(ApiClients.key(clientId), k -> tx.execute(s -> jdbc.sql(
                        "select webhook_url, enabled, secret_sealed from api_client where id = ? and webhook_url is not null")
                .param(clientId)
                .query((rs, n) -> new Target(rs.getString("webhook_url"),
                        secrets.open(rs.getString("secret_sealed"), ApiClients.context(clientId)).getBytes(StandardCharsets.UTF_8),
                        rs.getBoolean("enabled")))
                .optional()));
    }

    void forget(String clientId) {
        cached.invalidate(ApiClients.key(clientId));
    }

    static String write(List<String> events) {
        return events == null || events.isEmpty() ? null : String.join(",", events);
    }

    static List<String> read(String events) {
        return events == null || events.isBlank() ? List.of() : Arrays.asList(events.split(","));
    }
}
