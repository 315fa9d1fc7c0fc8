package cn.huren.server.sync;

import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes a sync event into the current tenant's outbox, in the transaction of the change: the
 * change and its event commit together or not at all. Each subscribed client gets a delivery of its
 * own. Events of one party (the ordering key) take a transaction lock on that key, so their sequence
 * is their commit order and the dispatcher delivers them in it. Core events are then told to the
 * tenant's plugin ({@link CoreEventListeners}), still in the transaction.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final WebhookTargets targets;
    private final OutboxSignals signals;
    private final ObjectMapper json;
    // lazily: the plugin host that implements it publishes through this outbox
    private final ObjectProvider<CoreEventListeners> listeners;

    Outbox(TenantData data, WebhookTargets targets, OutboxSignals signals, ObjectMapper json,
           ObjectProvider<CoreEventListeners> listeners) {
        // joins the caller's transaction, hence its connection and its tenant schema
        this.jdbc = data.jdbc();
        this.targets = targets;
        this.signals = signals;
        this.json = json;
        this.listeners = listeners;
    }

    /** A core event of a party; {@code data} says what changed, clients read details through the v1 API. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publishForParty(String type, long partyId, Map<String, Object> data) {
        Map<String, Object> withParty = new LinkedHashMap<>();
        withParty.put("partyId", partyId);
        withParty.putAll(data);
        return append(type, Long.toString(partyId), withParty, null, partyId);
    }

    /** Any event: {@code orderingKey} (a party's id for core events) orders delivery per client. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(String type, String orderingKey, Map<String, Object> data) {
        return append(type, orderingKey, data, null, null);
    }

    /**
     * An addressed event: delivered to exactly those of {@code recipients} (API client ids) that are
     * enabled and have a webhook, whatever they subscribed to.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publishTo(String type, String orderingKey, Map<String, Object> data, Collection<String> recipients) {
        if (recipients == null || recipients.isEmpty() || recipients.stream().anyMatch(r -> r == null || r.isBlank() || r.length() > 100)) {
            throw new IllegalArgumentException("recipients: one or more API client ids");
        }
        return append(type, orderingKey, data, recipients, null);
    }

    /**
     * A client enabled again: its waiting deliveries are due now (a held one would otherwise wait up to
     * 10 s more), and the dispatcher is woken once the enabling commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String clientId) {
        String tenant = TenantContext.require().code();
        int due = jdbc.sql("""
                update outbox_delivery set next_attempt_at = now()
                where client_id = ? and status = 'PENDING' and next_attempt_at > now() and (lease_until is null or lease_until < now())""")
                .param(clientId).update();
        if (due > 0) {
            wakeAfterCommit(tenant);
        }
    }

    private UUID append(String type, String orderingKey, Map<String, Object> data, Collection<String> recipients, Long partyId) {
        if (!EventTypes.isType(type)) {
            throw new IllegalArgumentException("not an event type: " + type);
        }
        if (orderingKey == null || orderingKey.isBlank() || orderingKey.length() > 100) {
            throw new IllegalArgumentException("an ordering key of 1 to 100 characters");
        }
        String tenant = TenantContext.require().code();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('huren-outbox:' || current_schema() || ':' || ?))")
                .param(orderingKey).query((rs, n) -> 1).list();
        long seq = jdbc.sql("select nextval(pg_get_serial_sequence('outbox_event', 'seq'))").query(Long.class).single();
        UUID id = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("tenant", tenant);
        body.put("orderingKey", orderingKey);
        body.put("sequence", seq);
        body.put("occurredAt", at.toString());
        body.put("data", data);
        jdbc.sql("insert into outbox_event (seq, id, type, party_key, body, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(seq, id, type, orderingKey, write(body), Timestamp.from(at)).update();
        List<String> subscribers = recipients == null ? targets.subscribers(type) : targets.reachable(recipients);
        if (!subscribers.isEmpty()) {
            jdbc.sql("""
                    insert into outbox_delivery (event_seq, client_id, party_key, status, next_attempt_at)
                    select ?, c, ?, 'PENDING', now() from unnest(?::varchar[]) as c""")
                    .params(seq, orderingKey, subscribers.toArray(String[]::new)).update();
            wakeAfterCommit(tenant);
        }
        if (EventTypes.CORE.contains(type)) {
            listeners.ifAvailable(l -> l.published(type, orderingKey, data, partyId));
        }
        return id;
    }

    private void wakeAfterCommit(String tenant) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signals.wake(tenant);
            }
        });
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data must be JSON-serialisable", e);
        }
    }
}
