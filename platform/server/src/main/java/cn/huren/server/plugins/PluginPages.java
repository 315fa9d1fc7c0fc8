package cn.huren.server.plugins;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.text.MessageFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractMessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ClassLoaderTemplateResource;
import org.thymeleaf.templateresource.ITemplateResource;

/**
 * What a plugin's portal pages render with: its templates ({@code {pluginId}/{name}} is
 * {@code huren-plugin/{pluginId}/templates/{name}.html} in the plugin's jar) next to the core's, and its messages
 * ({@code huren-plugin/{pluginId}/messages*.properties}, UTF-8) behind the core's bundles. Its static files: {@link PluginStaticResources}.
 */
@Configuration(proxyBeanMethods = false)
class PluginPages {

    static String templates(String pluginId) {
        return "huren-plugin/" + pluginId + "/templates/";
    }

    static String statics(String pluginId) {
        return "huren-plugin/" + pluginId + "/static/";
    }

    static String messages(String pluginId) {
        return "huren-plugin/" + pluginId + "/messages";
    }

    @Bean
    PluginTemplateResolver pluginTemplateResolver(ObjectProvider<PluginHost> host) {
        return new PluginTemplateResolver(host);
    }

    /** The core's message source asks the plugins' bundles for what it does not have itself (keys like {@code nmg.…}). */
    @Bean
    static BeanPostProcessor pluginMessagesBehindCore(ObjectProvider<PluginHost> host) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if ("messageSource".equals(beanName) && bean instanceof HierarchicalMessageSource core
                        && core.getParentMessageSource() == null) {
                    core.setParentMessageSource(new PluginMessages(host));
                }
                return bean;
            }
        };
    }

    static final class PluginTemplateResolver extends AbstractConfigurableTemplateResolver {

        private final ObjectProvider<PluginHost> host;

        PluginTemplateResolver(ObjectProvider<PluginHost> host) {
            this.host = host;
            setName("plugin templates");
            setTemplateMode(TemplateMode.HTML);
            setSuffix(".html");
            setCharacterEncoding("UTF-8");
            setCheckExistence(true); // a core template's name falls through to the core's resolver
            setOrder(0);
        }

        @Override
        protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate, String template,
                                                            String resourceName, String characterEncoding,
                                                            Map<String, Object> templateResolutionAttributes) {
            int slash = resourceName.indexOf('/');
            String pluginId = slash > 0 ? resourceName.substring(0, slash) : "";
            ClassLoader loader = host.getObject().pageLoaders().get(pluginId);
            if (loader == null || resourceName.contains("..")) {
                return new ClassLoaderTemplateResource(PluginPages.class.getClassLoader(), "huren-plugin/none", characterEncoding);
            }
            return new ClassLoaderTemplateResource(loader, templates(pluginId) + resourceName.substring(slash + 1), characterEncoding);
        }
    }

    /** The started plugins' own bundles; a code none of them has is not found here either. */
    static final class PluginMessages extends AbstractMessageSource {

        private final ObjectProvider<PluginHost> host;
        private volatile List<ResourceBundleMessageSource> bundles;

        PluginMessages(ObjectProvider<PluginHost> host) {
            this.host = host;
        }

        private List<ResourceBundleMessageSource> bundles() {
            List<ResourceBundleMessageSource> b = bundles;
            if (b == null) {
                b = host.getObject().pageLoaders().entrySet().stream()
                        .filter(e -> e.getValue().getResource(messages(e.getKey()) + ".properties") != null)
                        .map(e -> {
                            ResourceBundleMessageSource source = new ResourceBundleMessageSource();
                            source.setBasename(messages(e.getKey()));
                            source.setBundleClassLoader(e.getValue());
                            source.setDefaultEncoding("UTF-8");
                            source.setFallbackToSystemLocale(false);
                            return source;
                        })
                        .toList();
                if (!host.getObject().pageLoaders().isEmpty()) {
                    bundles = b; // kept once the plugins are mounted; before that (or with none) looked up again
                }
            }
            return b;
        }

        @Override
        protected String resolveCodeWithoutArguments(String code, Locale locale) {
            for (ResourceBundleMessageSource source : bundles()) {
                String message = source.getMessage(code, null, null, locale);
                if (message != null) {
                    return message;
                }
            }
            return null;
        }

        @Override
        protected MessageFormat resolveCode(String code, Locale locale) {
            String message = resolveCodeWithoutArguments(code, locale);
            return message == null ? null : createMessageFormat(message, locale);
        }
    }
}
