package cn.huren.plugin.api;

import java.util.function.Supplier;

/**
 * Host service: runs work in one transaction of the host in the current tenant. The plugin's {@code JdbcClient},
 * {@link SyncEvents}, {@link NoticeSender}, {@link PluginReviews} and {@link PersonBindings} join it, so a plugin's
 * rows, its outbox events and the host's changes commit together or not at all (an exception rolls all back).
 * Joins an outer transaction when one is open.
 */
public interface TenantTransactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
