package cn.huren.server.plugins;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginRepository;

/**
 * PF4J as Huren uses it: plugins are jars (no exploded directories, so a Maven {@code target}
 * folder can be a plugin root), extensions are created by the plugin's Spring context.
 */
class HurenPluginManager extends DefaultPluginManager {

    private final ExtensionFactory extensionFactory;

    HurenPluginManager(List<Path> roots, ExtensionFactory extensionFactory) {
        super(roots);
        this.extensionFactory = extensionFactory;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        // called from the super constructor, before our field is set; getExtensionFactory() is overridden
        return null;
    }

    @Override
    public ExtensionFactory getExtensionFactory() {
        return extensionFactory;
    }
}
