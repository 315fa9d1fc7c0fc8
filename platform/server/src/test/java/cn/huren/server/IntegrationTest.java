package cn.huren.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real server on a random port, on the embedded PostgreSQL started once per test JVM, with
 * the three plugins as built by Maven. Its {@link java.time.Clock} is the {@link TestClock}, which
 * tests move. Tagged {@code integration}: failsafe runs it in {@code mvn verify}, not {@code mvn test} (docs/testing.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(TestClock.Config.class)
@Tag("integration")
public @interface IntegrationTest {
}
