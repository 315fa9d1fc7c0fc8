package cn.huren.server.plugins;

import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import cn.huren.server.support.Paths;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Holds the controllers of plugins, each mapping forced under
 * {@code /api/t/{tenant}/plugins/{pluginId}} whatever path the plugin declares, except portal pages: a mapping
 * under {@code /pages} is mounted at {@code /p/{pluginId}/…} and {@code /t/{tenant}/p/{pluginId}/…} (path-mode
 * tenants) instead. It never picks up host beans: only what the plugin host registers.
 */
class PluginHandlerMapping extends RequestMappingHandlerMapping {

    private final Map<Object, String> owners = new ConcurrentHashMap<>();
    private String registeringPlugin;

    static String prefix(String pluginId) {
        return "/api/t/{tenant}/plugins/" + pluginId;
    }

    /** What a plugin declares for its portal pages. */
    static final String PAGES = "/pages";

    /** Where a plugin's portal pages are mounted: on the tenant's host, and under its path prefix. */
    static List<String> pagePrefixes(String pluginId) {
        return List.of("/p/" + pluginId, "/t/{tenant}/p/" + pluginId);
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
        Object pathTenant = variables instanceof Map<?, ?> vars ? vars.get("tenant") : null;
        // a page on the tenant's own host has no {tenant} in its path: the host named the tenant
        boolean hostPage = pathTenant == null && Paths.of(request).startsWith("/p/");
        boolean allowed = TenantContext.current()
                .filter(t -> (hostPage || t.code().equals(pathTenant)) && t.pluginId().equals(owners.get(handler.getBean())))
                .isPresent();
        return allowed ? handler : null;
    }

    synchronized void unregister(String pluginId) {
        owners.values().removeIf(pluginId::equals);
        List<String> prefixes = new ArrayList<>(pagePrefixes(pluginId));
        prefixes.add(prefix(pluginId));
        getHandlerMethods().keySet().stream()
                .filter(info -> info.getPatternValues().stream()
                        .anyMatch(p -> prefixes.stream().anyMatch(x -> p.equals(x) || p.startsWith(x + "/"))))
                .toList()
                .forEach(this::unregisterMapping);
    }

    @Override
    protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        if (info == null || registeringPlugin == null) {
            return null;
        }
        Set<String> patterns = info.getPatternValues();
        if (!patterns.isEmpty() && patterns.stream().allMatch(PluginHandlerMapping::isPage)) {
            String[] mounted = patterns.stream()
                    .flatMap(p -> pagePrefixes(registeringPlugin).stream().map(prefix -> prefix + p.substring(PAGES.length())))
                    .toArray(String[]::new);
            return info.mutate().options(getBuilderConfiguration()).paths(mounted).build();
        }
        return RequestMappingInfo.paths(prefix(registeringPlugin)).options(getBuilderConfiguration()).build().combine(info);
    }

    private static boolean isPage(String pattern) {
        return pattern.equals(PAGES) || pattern.startsWith(PAGES + "/");
    }
}
