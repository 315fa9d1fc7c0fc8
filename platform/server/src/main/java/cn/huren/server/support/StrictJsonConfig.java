package cn.huren.server.support;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring's ObjectMapper (MVC bodies, filters, the outbox) gets {@link StrictJson}'s rules, after every other setting. */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder.postConfigurer(StrictJson::apply);
    }
}
