package cn.huren.server.plugins;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationManager;

@Configuration(proxyBeanMethods = false)
class PluginWebConfig {

    @Bean
    PluginHandlerMapping pluginHandlerMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiationManager) {
        PluginHandlerMapping mapping = new PluginHandlerMapping();
        mapping.setOrder(-1);
        mapping.setContentNegotiationManager(contentNegotiationManager);
        return mapping;
    }
}
