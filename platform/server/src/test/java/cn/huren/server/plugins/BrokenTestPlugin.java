package cn.huren.server.plugins;

import org.pf4j.Plugin;

/** Plugin-Class of the broken test plugin: fails on start like a plugin with a bad configuration. */
public class BrokenTestPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("boom: cannot reach its regional system");
    }
}
