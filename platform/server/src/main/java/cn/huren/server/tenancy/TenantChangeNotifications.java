package cn.huren.server.tenancy;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every node that tenant data changed (PostgreSQL NOTIFY) and clears this node's tenant
 * cache when another node says so (LISTEN on one dedicated pooled connection), so that a suspension
 * or a new host applies cluster-wide at once rather than after the cache expiry.
 */
@Component
class TenantChangeNotifications implements SmartLifecycle {

    static final String CHANNEL = "huren_tenant_changed";
    private static final Logger log = LoggerFactory.getLogger(TenantChangeNotifications.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TenantDirectory directory;
    private volatile boolean running;
    private Thread listener;

    TenantChangeNotifications(DataSource dataSource, JdbcClient jdbc, TenantDirectory directory) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.directory = directory;
        directory.onChange(this::publish);
    }

    private void publish() {
        jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query((rs, n) -> null).list();
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "tenant-change-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        long backoff = 1000;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
                st.execute("listen " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                // anything may have changed while we were not listening
                directory.clearLocal();
                backoff = 1000;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        directory.clearLocal();
                    }
                }
            } catch (Exception e) {
                if (running) {
                    log.warn("tenant change listener lost its connection; retrying in {} ms: {}", backoff, e.getMessage());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
