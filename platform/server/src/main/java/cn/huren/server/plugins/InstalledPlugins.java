package cn.huren.server.plugins;

import java.util.List;

/** The plugins this server has, with their state, for operators. */
public interface InstalledPlugins {

    List<PluginStatus> statuses();

    /** The extensions of one type that a running plugin contributes; empty if it is not running. */
    <T> List<T> extensions(Class<T> type, String pluginId);
}
