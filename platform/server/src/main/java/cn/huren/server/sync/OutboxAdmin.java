package cn.huren.server.sync;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The current tenant's outbox as operators and clients see it: counts, dead letters, replay. */
@Service
public class OutboxAdmin {

    /** Pending includes deliveries held back behind an earlier failed or dead one of their party. */
    public record Summary(long pending, long delivered, long dead, Instant oldestPending) {
    }

    public record DeadLetter(long deliveryId, String eventId, String type, String orderingKey, String clientId, int attempts,
                             Integer lastStatus, String lastError, Instant deadAt) {
    }

    /** One client's delivery of an event, with the event as sent. */
    public record ClientDelivery(String eventId, String type, String status, int attempts, Instant deliveredAt, String body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OutboxSignals signals;

    OutboxAdmin(TenantData data, PlatformTransactionManager transactions, OutboxSignals signals) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.signals = signals;
    }

    public Summary summary() {
        return tx.execute(s -> jdbc.sql("""
                select count(*) filter (where status = 'PENDING') as pending, count(*) filter (where status = 'DELIVERED') as delivered,
                  count(*) filter (where status = 'DEAD') as dead,
                  (select min(e.created_at) from outbox_delivery d join outbox_event e on e.seq = d.event_seq where d.status = 'PENDING') as oldest
                from outbox_delivery""")
                .query((rs, n) -> new Summary(rs.getLong("pending"), rs.getLong("delivered"), rs.getLong("dead"),
                        rs.getTimestamp("oldest") == null ? null : rs.getTimestamp("oldest").toInstant()))
                .single());
    }

    public List<DeadLetter> deadLetters(int limit) {
        return tx.execute(s -> jdbc.sql("""
                select d.id, e.id as event_id, e.type, d.party_key, d.client_id, d.attempts, d.last_status, d.last_error, d.dead_at
                from outbox_delivery d join outbox_event e on e.seq = d.event_seq where d.status = 'DEAD'
                order by d.dead_at desc, d.id desc limit ?""").param(Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"),
                        rs.getString("party_key"), rs.getString("client_id"), rs.getInt("attempts"),
                        (Integer) rs.getObject("last_status"), rs.getString("last_error"), rs.getTimestamp("dead_at").toInstant()))
                .list());
    }

    /**
     * Queues dead letters again with a fresh attempt count: all of them, or one. They go out in their
     * original order, before the later events of their party that waited behind them.
     */
    public int replay(Long deliveryId) {
        int count = tx.execute(s -> jdbc.sql("""
                update outbox_delivery set status = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null, dead_at = null
                where status = 'DEAD' and (cast(? as bigint) is null or id = ?)""").params(deliveryId, deliveryId).update());
        if (count > 0) {
            signals.wake(TenantContext.require().code());
        }
        return count;
    }

    /** How an event stands with each recipient (its type starting with {@code typePrefix}: a plugin sees only its own). */
    public record EventDelivery(String clientId, String status, int attempts, Instant deliveredAt, Integer lastStatus, String lastError,
                                Instant nextAttemptAt) {
    }

    public List<EventDelivery> deliveries(UUID eventId, String typePrefix) {
        return tx.execute(s -> jdbc.sql("""
                select d.client_id, d.status, d.attempts, d.delivered_at, d.last_status, d.last_error, d.next_attempt_at
                from outbox_event e join outbox_delivery d on d.event_seq = e.seq
                where e.id = ? and starts_with(e.type, ?) order by d.client_id""").params(eventId, typePrefix)
                .query((rs, n) -> new EventDelivery(rs.getString(1), rs.getString(2), rs.getInt(3), instant(rs.getTimestamp(4)),
                        (Integer) rs.getObject(5), rs.getString(6), "PENDING".equals(rs.getString(2)) ? instant(rs.getTimestamp(7)) : null))
                .list());
    }

    /** Queues the event's dead deliveries again (as {@link #replay}), only for an event of that type prefix. */
    public int replayEvent(UUID eventId, String typePrefix) {
        int count = tx.execute(s -> jdbc.sql("""
                update outbox_delivery d set status = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null, dead_at = null
                from outbox_event e where d.event_seq = e.seq and e.id = ? and starts_with(e.type, ?) and d.status = 'DEAD'""")
                .params(eventId, typePrefix).update());
        if (count > 0) {
            signals.wake(TenantContext.require().code());
        }
        return count;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The event as delivered to this client; absent when it was never meant for this client of this tenant. */
    public Optional<ClientDelivery> forClient(String clientId, String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return tx.execute(s -> jdbc.sql("""
                select e.id, e.type, d.status, d.attempts, d.delivered_at, e.body from outbox_event e
                join outbox_delivery d on d.event_seq = e.seq and d.client_id = ? where e.id = ?""").params(clientId, id)
                .query((rs, n) -> new ClientDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .optional());
    }
}
