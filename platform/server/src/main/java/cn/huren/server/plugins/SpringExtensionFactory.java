package cn.huren.server.plugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.springframework.context.ConfigurableApplicationContext;

/** Creates each PF4J extension once, as an autowired bean of its plugin's Spring context. */
class SpringExtensionFactory implements ExtensionFactory {

    private final Map<ClassLoader, ConfigurableApplicationContext> contexts = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> singletons = new ConcurrentHashMap<>();

    void bind(ClassLoader pluginLoader, ConfigurableApplicationContext context) {
        contexts.put(pluginLoader, context);
    }

    void unbind(ClassLoader pluginLoader) {
        ConfigurableApplicationContext context = contexts.remove(pluginLoader);
        singletons.keySet().removeIf(c -> c.getClassLoader() == pluginLoader);
        if (context != null) {
            context.close();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T create(Class<T> extensionClass) {
        return (T) singletons.computeIfAbsent(extensionClass, c -> {
            ConfigurableApplicationContext context = contexts.get(c.getClassLoader());
            if (context == null) {
                throw new IllegalStateException("plugin of extension " + c.getName() + " is not started");
            }
            return context.getAutowireCapableBeanFactory().createBean(c);
        });
    }

    void closeAll() {
        contexts.values().forEach(ConfigurableApplicationContext::close);
        contexts.clear();
        singletons.clear();
    }
}
