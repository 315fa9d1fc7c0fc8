package cn.huren.server.plugins;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

@Configuration(proxyBeanMethods = false)
class PluginWebConfig {

    @Bean
    PluginHandlerMapping pluginHandlerMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiationManager) {
        PluginHandlerMapping mapping = new PluginHandlerMapping();
        mapping.setOrder(-1);
        mapping.setContentNegotiationManager(contentNegotiationManager);
        // the portal's ?lang= switch (LocaleConfig) is registered on the core's mappings only
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        mapping.setInterceptors(lang);
        return mapping;
    }
}
