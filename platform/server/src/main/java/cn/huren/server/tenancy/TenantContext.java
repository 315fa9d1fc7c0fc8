package cn.huren.server.tenancy;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Set by the resolution filter before any transaction
 * opens, copied into async work by {@link #wrap}; never taken from a client-supplied header.
 */
public final class TenantContext {

    private static final ThreadLocal<TenantDescriptor> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<TenantDescriptor> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static TenantDescriptor require() {
        return current().orElseThrow(() -> new IllegalStateException("no tenant bound to this thread"));
    }

    public static <T> T callAs(TenantDescriptor tenant, Supplier<T> work) {
        TenantDescriptor previous = CURRENT.get();
        CURRENT.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void runAs(TenantDescriptor tenant, Runnable work) {
        callAs(tenant, () -> {
            work.run();
            return null;
        });
    }

    /** Captures the caller's tenant (or its absence) for a task that runs on another thread. */
    public static Runnable wrap(Runnable task) {
        TenantDescriptor captured = CURRENT.get();
        return () -> {
            TenantDescriptor previous = CURRENT.get();
            set(captured);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    public static <T> Callable<T> wrap(Callable<T> task) {
        TenantDescriptor captured = CURRENT.get();
        return () -> {
            TenantDescriptor previous = CURRENT.get();
            set(captured);
            try {
                return task.call();
            } finally {
                restore(previous);
            }
        };
    }

    static void set(TenantDescriptor tenant) {
        if (tenant == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(tenant);
        }
    }

    private static void restore(TenantDescriptor previous) {
        set(previous);
    }
}
