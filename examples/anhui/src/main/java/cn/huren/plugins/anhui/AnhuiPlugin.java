package cn.huren.plugins.anhui;

import org.pf4j.Plugin;

/** Anhui (安徽). The host scans this package into the plugin's Spring context. */
public class AnhuiPlugin extends Plugin {
}
