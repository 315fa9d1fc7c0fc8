package cn.huren.server.console;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys for console forms, in the database so that they hold across nodes: the first
 * submit of a form id does the work; a repeat waits for its result and gets the same answer.
 * A submit that failed releases its key, so the corrected form can be sent again.
 */
@Component
class FormSubmissions {

    private static final long WAIT_MILLIS = 15_000;

    private final JdbcClient jdbc;

    FormSubmissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code work} once per form id and returns its result, or the result of the run that had it. */
    String once(String formId, Supplier<String> work) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            if (claim(formId)) {
                try {
                    String result = work.get();
                    jdbc.sql("update platform.form_submission set result = ? where form_id = ?").params(result, formId).update();
                    return result;
                } catch (RuntimeException e) {
                    jdbc.sql("delete from platform.form_submission where form_id = ?").param(formId).update();
                    throw e;
                }
            }
            Optional<String> done = result(formId);
            if (done.isPresent() || System.currentTimeMillis() > deadline) {
                return done.orElseThrow(() -> new IllegalStateException("form " + formId + " is still being processed"));
            }
            sleep();
        }
    }

    private boolean claim(String formId) {
        jdbc.sql("delete from platform.form_submission where created_at < now() - interval '1 day'").update();
        return jdbc.sql("insert into platform.form_submission (form_id) values (?) on conflict do nothing")
                .param(formId).update() == 1;
    }

    private Optional<String> result(String formId) {
        return jdbc.sql("select result from platform.form_submission where form_id = ?").param(formId)
                .query(String.class).optional();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
