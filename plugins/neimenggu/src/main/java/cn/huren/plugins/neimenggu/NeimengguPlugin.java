package cn.huren.plugins.neimenggu;

import org.pf4j.Plugin;

/** Inner Mongolia (内蒙古). The host scans this package into the plugin's Spring context. */
public class NeimengguPlugin extends Plugin {
}
