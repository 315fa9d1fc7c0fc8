package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** Pages show instants in Beijing time (the display zone), whatever the server's zone. */
class DisplayTimesTest {

    private static String render(String template, Map<String, Object> model, MockEnvironment env) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        engine.setTemplateResolver(resolver);
        DisplayTimes.displayZoneOnTemplates(env).postProcessBeforeInitialization(engine, "templateEngine");
        return engine.process(template, new Context(Locale.SIMPLIFIED_CHINESE, model));
    }

    @Test
    @DisplayName("an instant, an offset and a zoned time show in Asia/Shanghai (past midnight there while it is evening in UTC); a date stays")
    void beijingTime() {
        Instant evening = Instant.parse("2026-12-07T20:30:00Z");
        String page = render("[[${#temporals.format(i, 'yyyy-MM-dd HH:mm')}]]|[[${#temporals.format(o, 'yyyy-MM-dd HH:mm')}]]|"
                        + "[[${#temporals.format(z, 'HH:mm')}]]|[[${#temporals.format(d, 'yyyy-MM-dd')}]]",
                Map.of("i", evening, "o", OffsetDateTime.ofInstant(evening, ZoneOffset.UTC), "z", evening.atZone(ZoneOffset.ofHours(-5)),
                        "d", LocalDate.of(2026, 12, 7)), new MockEnvironment());
        assertThat(page).isEqualTo("2026-12-08 04:30|2026-12-08 04:30|04:30|2026-12-07");
    }

    @Test
    @DisplayName("huren.display-zone sets another zone")
    void configuredZone() {
        String page = render("[[${#temporals.format(i, 'HH:mm')}]]", Map.of("i", Instant.parse("2026-12-07T20:30:00Z")),
                new MockEnvironment().withProperty("huren.display-zone", "UTC"));
        assertThat(page).isEqualTo("20:30");
    }
}
