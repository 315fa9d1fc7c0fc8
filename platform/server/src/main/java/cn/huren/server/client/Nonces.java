package cn.huren.server.client;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nonces of signed requests, in the tenant's schema, so that a replay is refused whichever node it
 * reaches: the primary key (client, nonce) lets exactly one claim win. A nonce is kept until its
 * request's timestamp could no longer pass the freshness check; expired ones are purged now and then.
 */
@Component
class Nonces {

    /** About one claim in this many also purges the tenant's expired nonces. */
    private static final int PURGE_EVERY = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    Nonces(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
        this.tx = new TransactionTemplate(transactions);
    }

    /** True when this nonce is new for the client (and is now taken); false for a replay. */
    boolean claim(String clientId, String nonce, Instant keepUntil) {
        boolean fresh = tx.execute(s -> jdbc.sql("insert into api_nonce (client_id, nonce, expires_at) values (?, ?, ?) on conflict do nothing")
                .params(clientId, nonce, Timestamp.from(keepUntil)).update()) == 1;
        if (ThreadLocalRandom.current().nextInt(PURGE_EVERY) == 0) {
            purgeExpired();
        }
        return fresh;
    }

    int purgeExpired() {
        return tx.execute(s -> jdbc.sql("""
                delete from api_nonce where ctid in (select ctid from api_nonce where expires_at < now() limit 10000)""").update());
    }
}
