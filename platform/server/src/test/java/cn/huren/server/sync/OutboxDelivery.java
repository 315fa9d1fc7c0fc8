package cn.huren.server.sync;

import org.springframework.context.ApplicationContext;

/**
 * For tests outside this package (a plugin's): runs the shared test server's outbox dispatcher, which is off there
 * (application-it.yml), while a test needs deliveries.
 */
public final class OutboxDelivery {

    private OutboxDelivery() {
    }

    /** Starts the dispatcher; the returned action stops it again. */
    public static Runnable start(ApplicationContext context) {
        OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);
        dispatcher.start();
        return dispatcher::stop;
    }
}
