package cn.huren.server.plugins;

import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck;
import cn.huren.plugin.api.DemoTenant;
import cn.huren.plugin.api.DemoTenantProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import cn.huren.server.database.SchemaMigrator.Changelog;
import cn.huren.server.tenancy.TenantPluginSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;

/**
 * Loads and starts the PF4J plugins, gives each a Spring child context whose parent holds only
 * the whitelisted host services, and mounts its controllers under the forced prefix. A plugin
 * that fails is kept as FAILED with its reason; the server and other plugins carry on.
 */
@Component
class PluginHost implements TenantPluginSupport, InstalledPlugins, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager manager;
    private final PluginHandlerMapping mappings;
    private final HostServices hostServices;
    private final SpringExtensionFactory extensions;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** The class loaders of the started plugins, where their page templates and messages are. */
    private final Map<String, ClassLoader> pageLoaders = new ConcurrentHashMap<>();

    PluginHost(PluginDirectories directories, HostServices hostServices, PluginHandlerMapping mappings) {
        this.mappings = mappings;
        this.hostServices = hostServices;
        List<Path> roots = directories.roots();
        log.info("Loading plugins from {}", roots);
        this.extensions = new SpringExtensionFactory();
        this.manager = new HurenPluginManager(roots, extensions);
        manager.loadPlugins();
        manager.startPlugins();
        GenericApplicationContext parent = hostServices.parentContext();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.STARTED) {
                mount(plugin, parent);
            } else {
                Throwable cause = plugin.getFailedException();
                failures.put(plugin.getPluginId(), cause == null ? "state " + plugin.getPluginState() : describe(cause));
                log.error("plugin {} did not start: {}", plugin.getPluginId(), failures.get(plugin.getPluginId()), cause);
            }
        }
    }

    private void mount(PluginWrapper plugin, GenericApplicationContext parent) {
        String id = plugin.getPluginId();
        try {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.setParent(parent);
            context.setClassLoader(plugin.getPluginClassLoader());
            context.setDisplayName("plugin " + id);
            context.getBeanFactory().registerSingleton("pluginWrapper", plugin);
            hostServices.perPlugin(id).forEach(context.getBeanFactory()::registerSingleton);
            context.scan(plugin.getPlugin().getClass().getPackageName());
            context.refresh();
            extensions.bind(plugin.getPluginClassLoader(), context);
            context.getBeansWithAnnotation(Controller.class).values().forEach(c -> mappings.register(id, c));
            configSchema(id);
            changelogs(id).forEach(c -> requireResource(plugin, c));
            pageLoaders.put(id, plugin.getPluginClassLoader());
            log.info("plugin {} {} started", id, plugin.getDescriptor().getVersion());
        } catch (RuntimeException e) {
            failures.put(id, describe(e));
            log.error("plugin {} failed to start", id, e);
            extensions.unbind(plugin.getPluginClassLoader());
            mappings.unregister(id);
            manager.stopPlugin(id);
        }
    }

    Map<String, ClassLoader> pageLoaders() {
        return pageLoaders;
    }

    @Override
    public List<ConfigurationCheck.Missing> configurationChecks(String pluginId, ConfigValues values) {
        return extensions(ConfigurationCheck.class, pluginId).stream().flatMap(c -> c.missing(values).stream()).toList();
    }

    private static void requireResource(PluginWrapper plugin, Changelog changelog) {
        if (plugin.getPluginClassLoader().getResource(changelog.path()) == null) {
            throw new IllegalStateException("changelog " + changelog.path() + " is missing from the plugin");
        }
    }

    @Override
    public List<PluginStatus> statuses() {
        return manager.getPlugins().stream()
                .sorted(Comparator.comparing(PluginWrapper::getPluginId))
                .map(p -> new PluginStatus(p.getPluginId(), p.getDescriptor().getVersion(), state(p),
                        p.getDescriptor().getPluginDescription(), failures.get(p.getPluginId())))
                .toList();
    }

    private String state(PluginWrapper p) {
        return failures.containsKey(p.getPluginId()) ? PluginState.FAILED.name() : p.getPluginState().name();
    }

    @Override
    public Optional<Boolean> started(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            return Optional.empty();
        }
        return Optional.of(plugin.getPluginState() == PluginState.STARTED && !failures.containsKey(pluginId));
    }

    @Override
    public String unavailableReason(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            return "plugin " + pluginId + " is not installed";
        }
        return failures.getOrDefault(pluginId, "plugin " + pluginId + " is " + plugin.getPluginState());
    }

    @Override
    public <T> List<T> extensions(Class<T> type, String pluginId) {
        return started(pluginId).orElse(false) ? manager.getExtensions(type, pluginId) : List.of();
    }

    @Override
    public ConfigSchema configSchema(String pluginId) {
        List<ConfigSchemaProvider> providers = manager.getExtensions(ConfigSchemaProvider.class, pluginId);
        return providers.isEmpty() ? ConfigSchema.EMPTY : providers.get(0).configSchema();
    }

    @Override
    public Map<String, DemoTenant> demoTenants() {
        Map<String, DemoTenant> demos = new LinkedHashMap<>();
        manager.getPlugins().stream().map(PluginWrapper::getPluginId).sorted()
                .forEach(id -> extensions(DemoTenantProvider.class, id).stream().findFirst()
                        .ifPresent(p -> demos.put(id, p.demoTenant())));
        return demos;
    }

    @Override
    public Map<String, List<cn.huren.plugin.api.DemoApiClient>> demoApiClients() {
        Map<String, List<cn.huren.plugin.api.DemoApiClient>> clients = new LinkedHashMap<>();
        manager.getPlugins().stream().map(PluginWrapper::getPluginId).sorted()
                .forEach(id -> extensions(DemoTenantProvider.class, id).stream().findFirst()
                        .ifPresent(p -> clients.put(p.demoTenant().code(), p.demoApiClients())));
        return clients;
    }

    @Override
    public List<Changelog> changelogs(String pluginId) {
        PluginWrapper plugin = manager.getPlugin(pluginId);
        if (plugin == null) {
            return List.of();
        }
        return manager.getExtensions(TenantSchemaContributor.class, pluginId).stream()
                .map(c -> new Changelog(c.changelog(), plugin.getPluginClassLoader()))
                .toList();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void destroy() {
        extensions.closeAll();
        // one by one from copies: PF4J 3.15's stopPlugins() and unloadPlugins() remove from the lists they
        // walk and fail with ConcurrentModificationException once two plugins are started
        List<String> started = new ArrayList<>(manager.getStartedPlugins().stream().map(PluginWrapper::getPluginId).toList());
        Collections.reverse(started);
        started.forEach(manager::stopPlugin);
        for (String id : manager.getPlugins().stream().map(PluginWrapper::getPluginId).toList()) {
            if (manager.getPlugin(id) != null) {
                manager.unloadPlugin(id);
            }
        }
    }
}
