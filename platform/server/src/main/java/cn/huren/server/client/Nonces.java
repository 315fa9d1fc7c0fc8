package cn.huren.server.client;

import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import cn.huren.server.support.Purges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Nonces of signed requests, in the tenant's schema, so that a replay is refused whichever node it
 * reaches: the primary key (client, nonce) lets exactly one claim win. A nonce is kept until its
 * request's timestamp could no longer pass the freshness check; expired ones are purged now and then.
 *
 * <p>Every signed request claims one, so this is one auto-committed statement on a pooled connection,
 * without a transaction or a schema switch: the table is named with the current tenant's schema
 * (from the validated tenant code), never left to the connection's search path, which is {@code platform}.
 */
@Component
class Nonces {


    private final JdbcClient jdbc;
    private final Clock clock;

    Nonces(TenantData data, Clock clock) {
        this.clock = clock;
        this.jdbc = data.singleStatement();
    }

    /** True when this nonce is new for the client (and is now taken); false for a replay. */
    boolean claim(String clientId, String nonce, Instant keepUntil) {
        boolean fresh = jdbc.sql("insert into " + table() + " (client_id, nonce, expires_at) values (?, ?, ?) on conflict do nothing")
                .params(clientId, nonce, Timestamp.from(keepUntil)).update() == 1;
        if (Purges.due()) {
            purgeExpired();
        }
        return fresh;
    }

    int purgeExpired() {
        return Purges.expired(jdbc, table(), "expires_at < timestamptz '" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "'");
    }

    private static String table() {
        return TenantData.table("api_nonce");
    }
}
