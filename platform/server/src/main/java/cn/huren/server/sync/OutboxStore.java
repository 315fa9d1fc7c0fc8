package cn.huren.server.sync;

import cn.huren.server.tenancy.TenantData;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's SQL, run for the current tenant. A claim leases the head of each (client, party)
 * queue only: a delivery waits while an earlier one of its client and party is not delivered, be it
 * pending, leased elsewhere or dead. The attempt number fences the result, so a node whose lease
 * ran out cannot overwrite what the node that took over recorded.
 */
@Component
class OutboxStore {

    /** A leased delivery, with what is sent. */
    record Claimed(long deliveryId, String clientId, int attempt, String eventId, String type, String body) {
    }

    /** What one attempt came to; {@code held} when the client is disabled (no attempt counted). */
    record Result(String tenant, long deliveryId, int attempt, boolean delivered, boolean held, Integer status, String error) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;

    OutboxStore(TenantData data, PlatformTransactionManager transactions) {
        this.template = data.template();
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
    }

    List<Claimed> claim(int limit, Duration lease) {
        return tx.execute(s -> jdbc.sql("""
                with heads as (
                  select c.id from outbox_delivery c
                  where c.status = 'PENDING' and c.next_attempt_at <= now() and (c.lease_until is null or c.lease_until < now())
                    and not exists (select 1 from outbox_delivery p where p.client_id = c.client_id and p.party_key = c.party_key
                                    and p.event_seq < c.event_seq and p.status <> 'DELIVERED')
                  order by c.event_seq limit ? for update skip locked),
                claimed as (
                  update outbox_delivery d set attempts = d.attempts + 1, lease_until = now() + ? * interval '1 millisecond',
                    last_attempt_at = now()
                  from heads where d.id = heads.id
                  returning d.id, d.client_id, d.attempts, d.event_seq)
                select claimed.id, claimed.client_id, claimed.attempts, e.id as event_id, e.type, e.body
                from claimed join outbox_event e on e.seq = claimed.event_seq order by claimed.event_seq""")
                .params(limit, lease.toMillis())
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("client_id"), rs.getInt("attempts"),
                        rs.getString("event_id"), rs.getString("type"), rs.getString("body")))
                .list());
    }

    /** Records a tenant's results in one transaction: the delivered ones in one statement; {@code retryDelay} for each failure. */
    void record(List<Result> results, int maxAttempts, java.util.function.IntFunction<Duration> retryDelay) {
        List<Result> delivered = results.stream().filter(Result::delivered).toList();
        tx.executeWithoutResult(s -> {
            if (!delivered.isEmpty()) {
                jdbc.sql("""
                        update outbox_delivery d set status = 'DELIVERED', delivered_at = now(), lease_until = null, last_status = r.status,
                          last_error = null
                        from unnest(?::bigint[], ?::int[], ?::int[]) as r(id, attempts, status)
                        where d.id = r.id and d.attempts = r.attempts and d.status = 'PENDING'""")
                        .params(delivered.stream().map(Result::deliveryId).toArray(Long[]::new),
                                delivered.stream().map(Result::attempt).toArray(Integer[]::new),
                                delivered.stream().map(Result::status).toArray(Integer[]::new))
                        .update();
            }
            for (Result r : results) {
                if (r.delivered()) {
                    continue;
                }
                if (r.held()) {
                    // looked at again after the clients' cache life (10 s): a node that still saw the client disabled
                    // when it was enabled elsewhere holds it no longer than that; the enabling node releases at once
                    template.update("""
                            update outbox_delivery set attempts = attempts - 1, lease_until = null, next_attempt_at = now() + interval '10 seconds'
                            where id = ? and attempts = ? and status = 'PENDING'""", r.deliveryId(), r.attempt());
                } else if (r.attempt() >= maxAttempts) {
                    template.update("""
                            update outbox_delivery set status = 'DEAD', dead_at = now(), lease_until = null, last_status = ?, last_error = ?
                            where id = ? and attempts = ? and status = 'PENDING'""", r.status(), r.error(), r.deliveryId(), r.attempt());
                } else {
                    template.update("""
                            update outbox_delivery set lease_until = null, next_attempt_at = now() + ? * interval '1 millisecond',
                              last_status = ?, last_error = ? where id = ? and attempts = ? and status = 'PENDING'""",
                            retryDelay.apply(r.attempt()).toMillis(), r.status(), r.error(), r.deliveryId(), r.attempt());
                }
            }
        });
    }

    /** Delivered deliveries past retention, then events none of whose deliveries is open. */
    int purge(Duration retention) {
        return tx.execute(s -> {
            int deliveries = jdbc.sql("delete from outbox_delivery where status = 'DELIVERED' and delivered_at < now() - ? * interval '1 second'")
                    .param(retention.toSeconds()).update();
            return deliveries + jdbc.sql("""
                    delete from outbox_event e where e.created_at < now() - ? * interval '1 second'
                      and not exists (select 1 from outbox_delivery d where d.event_seq = e.seq)""")
                    .param(retention.toSeconds()).update();
        });
    }
}
