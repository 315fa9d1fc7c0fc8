package cn.huren.server.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.expression.Temporals;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.spring6.expression.SpringStandardExpressionObjectFactory;

/**
 * Times on pages are the portal user's wall-clock time, in one place: {@code #temporals.format(t, pattern)} shows an
 * {@link Instant}, {@link OffsetDateTime} or {@link ZonedDateTime} in the display zone ({@code huren.display-zone},
 * default Asia/Shanghai — the whole of China keeps Beijing time), where Thymeleaf would take the server's zone (UTC on
 * our machines). Dates and local times are shown as they are. The server still stores and decides in UTC (docs/time.md).
 */
@Configuration(proxyBeanMethods = false)
class DisplayTimes {

    @Bean
    static BeanPostProcessor displayZoneOnTemplates(Environment env) {
        ZoneId zone = ZoneId.of(env.getProperty("huren.display-zone", "Asia/Shanghai"));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringTemplateEngine engine) {
                    ZonedDialect dialect = new ZonedDialect(zone);
                    dialect.setEnableSpringELCompiler(engine.getEnableSpringELCompiler());
                    dialect.setRenderHiddenMarkersBeforeCheckboxes(engine.getRenderHiddenMarkersBeforeCheckboxes());
                    // only the standard dialect is replaced: others (added from IDialect beans) stay
                    Set<IDialect> dialects = new LinkedHashSet<>();
                    engine.getDialects().forEach(d -> dialects.add(d instanceof SpringStandardDialect ? dialect : d));
                    engine.setDialects(dialects);
                }
                return bean;
            }
        };
    }

    /** The Spring standard dialect whose {@code #temporals} is {@link ZonedTemporals}. */
    static final class ZonedDialect extends SpringStandardDialect {

        private final IExpressionObjectFactory objects;

        ZonedDialect(ZoneId zone) {
            this.objects = new SpringStandardExpressionObjectFactory() {
                @Override
                public Object buildObject(IExpressionContext context, String name) {
                    return TEMPORALS_EXPRESSION_OBJECT_NAME.equals(name) ? new ZonedTemporals(context.getLocale(), zone)
                            : super.buildObject(context, name);
                }
            };
        }

        @Override
        public IExpressionObjectFactory getExpressionObjectFactory() {
            return objects;
        }
    }

    /** {@code #temporals}: Thymeleaf's {@link Temporals} (a final class) formatting in the display zone; format is what pages use. */
    public static final class ZonedTemporals {

        private final Temporals temporals;
        private final ZoneId zone;

        ZonedTemporals(Locale locale, ZoneId zone) {
            this.temporals = new Temporals(locale, zone);
            this.zone = zone;
        }

        public String format(Temporal target, String pattern) {
            return target == null ? null : temporals.format(zoned(target, zone), pattern);
        }

        public String format(Temporal target) {
            return target == null ? null : temporals.format(zoned(target, zone));
        }

        static Temporal zoned(Temporal target, ZoneId zone) {
            if (target instanceof Instant i) {
                return i.atZone(zone);
            }
            if (target instanceof OffsetDateTime o) {
                return o.atZoneSameInstant(zone);
            }
            if (target instanceof ZonedDateTime z) {
                return z.withZoneSameInstant(zone);
            }
            return target;
        }
    }
}
