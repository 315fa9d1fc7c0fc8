package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * For tests of hostile client input: whatever a test sends, nothing is logged at ERROR and a client error
 * ({@link ClientErrors}) logs no stack trace. Register with {@code @RegisterExtension}.
 */
final class ClientInputLogWatch implements BeforeEachCallback, AfterEachCallback {

    private ListAppender<ILoggingEvent> logged;

    @Override
    public void beforeEach(ExtensionContext context) {
        logged = new ListAppender<>();
        logged.start();
        root().addAppender(logged);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(logged);
        assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList())
                .as("a client's input is never an ERROR").isEmpty();
        assertThat(logged.list.stream().filter(e -> e.getLoggerName().equals(ClientErrors.class.getName())))
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).as("a client error logs no stack trace").isNull());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
