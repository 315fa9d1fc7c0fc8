package cn.huren.server.plugins;

import java.lang.reflect.Method;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Holds the controllers of plugins, each mapping forced under
 * {@code /api/t/{tenant}/plugins/{pluginId}} whatever path the plugin declares. It never picks up
 * host beans: only what the plugin host registers.
 */
class PluginHandlerMapping extends RequestMappingHandlerMapping {

    private String registeringPlugin;

    static String prefix(String pluginId) {
        return "/api/t/{tenant}/plugins/" + pluginId;
    }

    @Override
    protected boolean isHandler(Class<?> beanType) {
        return false;
    }

    synchronized void register(String pluginId, Object controller) {
        registeringPlugin = pluginId;
        try {
            detectHandlerMethods(controller);
        } finally {
            registeringPlugin = null;
        }
    }

    synchronized void unregister(String pluginId) {
        String prefix = prefix(pluginId) + "/";
        getHandlerMethods().keySet().stream()
                .filter(info -> info.getPatternValues().stream().anyMatch(p -> p.startsWith(prefix)))
                .toList()
                .forEach(this::unregisterMapping);
    }

    @Override
    protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        if (info == null || registeringPlugin == null) {
            return null;
        }
        return RequestMappingInfo.paths(prefix(registeringPlugin)).options(getBuilderConfiguration()).build().combine(info);
    }
}
