package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.sync.Outbox;
import cn.huren.server.support.SecretBox;
import cn.huren.server.support.Tokens;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's trading-system API clients, kept in the tenant's schema: a client id is only ever
 * looked up in the schema of the tenant a request names, so a client exists for its own tenant and
 * for no other. The secret is shown once; it is stored sealed by the master key (AES-GCM, bound to
 * tenant and client), because verifying an HMAC needs the secret itself, and never returned again.
 */
@Service
public class ApiClients {

    public record RateLimit(Integer perSecond, Integer burst) {
    }

    /** {@code events}: the event types (or {@code namespace.*}, {@code *}) sent to {@code webhookUrl}; none by default. */
    public record NewClient(String name, List<String> scopes, String webhookUrl, List<String> events, RateLimit rateLimit) {
    }

    public record ClientView(String clientId, String name, List<String> scopes, String webhookUrl, List<String> events,
                             boolean enabled, RateLimit rateLimit, Instant createdAt, Instant secretRotatedAt) {
    }

    /** A client with its secret, answered once: at creation and at rotation. */
    public record IssuedClient(@JsonUnwrapped ClientView client, String secret) {
    }

    /** An enabled client with its secret opened: what the tenant's OAuth2 token endpoint authenticates (client credentials). */
    public record Credentials(String clientId, String name, List<String> scopes, String secret) {

        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }

    /** What request authentication and webhook delivery need, the secret opened. Cached briefly per tenant and client. */
    record ActiveClient(String id, String name, Set<Scope> scopes, boolean enabled, byte[] key, int perSecond, int burst, String webhookUrl) {
    }

    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox secrets;
    // lazily: the outbox reads clients through ClientWebhooks, which needs this
    private final ObjectProvider<Outbox> outbox;
    private final Cache<String, Optional<ActiveClient>> active = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(CACHE_TTL).build();

    ApiClients(TenantData data, PlatformTransactionManager transactions, SecretBox secrets, ObjectProvider<Outbox> outbox) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.secrets = secrets;
        this.outbox = outbox;
    }

    public IssuedClient create(NewClient request) {
        ClientInput.Checked input = ClientInput.check(request);
        String id = newId();
        String secret = Tokens.random();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        tx.executeWithoutResult(s -> jdbc.sql("""
                insert into api_client (id, name, scopes, webhook_url, events, secret_sealed, enabled, rate_per_second, rate_burst,
                  created_at, secret_rotated_at, updated_at) values (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?)""")
                .params(id, input.name(), codes(input.scopes()), input.webhookUrl(), ClientWebhooks.write(input.events()),
                        secrets.seal(secret, context(id)),
                        input.rate().perSecond(), input.rate().burst(),
                        now, now, now)
                .update());
        forget(id);
        return new IssuedClient(get(id), secret);
    }

    /**
     * Replaces a client's settings (name, scopes, webhook, subscriptions, rate limit), checked as on
     * create; the id and secret stay. Subscriptions apply to events published from now on; deliveries
     * still pending go to the webhook as it is when they are sent.
     */
    public ClientView change(String clientId, NewClient request) {
        ClientInput.Checked input = ClientInput.check(request);
        update(clientId, """
                update api_client set name = ?, scopes = ?, webhook_url = ?, events = ?, rate_per_second = ?, rate_burst = ?,
                  updated_at = now() where id = ?""",
                input.name(), codes(input.scopes()), input.webhookUrl(), ClientWebhooks.write(input.events()),
                input.rate().perSecond(), input.rate().burst(), clientId);
        return get(clientId);
    }

    /** The scopes a client may be given, by code (forms list them). */
    public static List<String> scopeCodes() {
        return Arrays.stream(Scope.values()).map(Scope::code).toList();
    }

    public List<ClientView> list() {
        return tx.execute(s -> jdbc.sql("select * from api_client order by created_at, id").query(ApiClients::view).list());
    }

    /** Enabling again releases the deliveries that waited for the client (they go out now, in order). */
    public ClientView enable(String clientId, boolean enabled) {
        boolean found = tx.execute(s -> {
            Optional<Boolean> was = jdbc.sql("select enabled from api_client where id = ? for update").param(clientId)
                    .query(Boolean.class).optional();
            if (was.isEmpty()) {
                return false;
            }
            jdbc.sql("update api_client set enabled = ?, updated_at = now() where id = ?").params(enabled, clientId).update();
            if (enabled && !was.get()) { // only a real re-enabling: an enabled client's retries keep their back-off
                // forgotten before the woken dispatcher looks (synchronizations run in the order registered)
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        forget(clientId);
                    }
                });
                outbox.getObject().release(clientId);
            }
            return true;
        });
        if (!found) {
            throw ApiException.notFound("client-not-found", "no API client " + clientId + " of this tenant");
        }
        forget(clientId);
        return get(clientId);
    }

    /** A new secret replaces the old one, which stops working at once on this node and within seconds on the others. */
    public IssuedClient rotateSecret(String clientId) {
        String secret = Tokens.random();
        update(clientId, "update api_client set secret_sealed = ?, secret_rotated_at = now(), updated_at = now() where id = ?",
                secrets.seal(secret, context(clientId)), clientId);
        return new IssuedClient(get(clientId), secret);
    }

    /** The client for a request to the current tenant; absent when the tenant has no such client. */
    Optional<ActiveClient> forRequest(String clientId) {
        if (clientId.length() > 64) {
            return Optional.empty();
        }
        return active.get(key(clientId), k -> tx.execute(s -> jdbc.sql("select * from api_client where id = ?").param(clientId)
                .query((rs, n) -> new ActiveClient(clientId, rs.getString("name"), parse(rs.getString("scopes")),
                        rs.getBoolean("enabled"), secrets.open(rs.getString("secret_sealed"), context(clientId))
                        .getBytes(StandardCharsets.UTF_8), rs.getInt("rate_per_second"), rs.getInt("rate_burst"),
                        rs.getString("webhook_url")))
                .optional()));
    }

    /** The current tenant's enabled client with this id; absent for another tenant's, a disabled or an unknown one. */
    public Optional<Credentials> credentials(String clientId) {
        return forRequest(clientId).filter(ActiveClient::enabled).map(c -> new Credentials(c.id(), c.name(),
                c.scopes().stream().map(Scope::code).toList(), new String(c.key(), StandardCharsets.UTF_8)));
    }

    private ClientView get(String clientId) {
        return tx.execute(s -> jdbc.sql("select * from api_client where id = ?").param(clientId).query(ApiClients::view).optional())
                .orElseThrow(() -> ApiException.notFound("client-not-found", "no API client " + clientId + " of this tenant"));
    }

    private void update(String clientId, String sql, Object... params) {
        if (tx.execute(s -> jdbc.sql(sql).params(params).update()) == 0) {
            throw ApiException.notFound("client-not-found", "no API client " + clientId + " of this tenant");
        }
        forget(clientId);
    }

    private void forget(String clientId) {
        active.invalidate(key(clientId));
    }

    static String key(String clientId) {
        return TenantContext.require().code() + "/" + clientId;
    }

    /** The sealed secret opens only for this tenant and this client. */
    static String context(String clientId) {
        return "tenant:" + TenantContext.require().code() + ":api-client:" + clientId;
    }

    private static String codes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::code).collect(Collectors.joining(","));
    }

    private static Set<Scope> parse(String codes) {
        return Arrays.stream(codes.split(",")).map(c -> Scope.byCode(c).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    private static ClientView view(ResultSet rs, int row) throws SQLException {
        return new ClientView(rs.getString("id"), rs.getString("name"), parse(rs.getString("scopes")).stream().map(Scope::code).toList(),
                rs.getString("webhook_url"), ClientWebhooks.read(rs.getString("events")), rs.getBoolean("enabled"), new RateLimit(rs.getInt("rate_per_second"), rs.getInt("rate_burst")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("secret_rotated_at").toInstant());
    }

    /** {tenant}_{20 base32 characters}: the tenant is readable in the id, the rest is random. */
    private static String newId() {
        StringBuilder id = new StringBuilder(TenantContext.require().code()).append('_');
        for (int i = 0; i < 20; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
