package cn.huren.server.plugins;

import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Holds the controllers of plugins, each mapping forced under
 * {@code /api/t/{tenant}/plugins/{pluginId}} whatever path the plugin declares. It never picks up
 * host beans: only what the plugin host registers.
 */
class PluginHandlerMapping extends RequestMappingHandlerMapping {

    private final Map<Object, String> owners = new ConcurrentHashMap<>();
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
        owners.put(controller, pluginId);
        try {
            detectHandlerMethods(controller);
        } finally {
            registeringPlugin = null;
        }
    }

    /**
     * A plugin's handler answers only when the path's {tenant} is the tenant bound to the request
     * and that tenant is assigned the plugin; otherwise there is no handler here (404).
     */
    @Override
    protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
        HandlerMethod handler = super.getHandlerInternal(request);
        if (handler == null) {
            return null;
        }
        Object variables = request.getAttribute(URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pathTenant = variables instanceof Map<?, ?> vars ? String.valueOf(vars.get("tenant")) : null;
        boolean allowed = TenantContext.current()
                .filter(t -> t.code().equals(pathTenant) && t.pluginId().equals(owners.get(handler.getBean())))
                .isPresent();
        return allowed ? handler : null;
    }

    synchronized void unregister(String pluginId) {
        owners.values().removeIf(pluginId::equals);
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
