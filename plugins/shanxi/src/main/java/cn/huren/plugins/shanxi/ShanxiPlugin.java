package cn.huren.plugins.shanxi;

import org.pf4j.Plugin;

/** Shanxi (山西). The host scans this package into the plugin's Spring context. */
public class ShanxiPlugin extends Plugin {
}
