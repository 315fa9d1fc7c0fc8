package cn.huren.plugins.jiangsu;

import org.pf4j.Plugin;

/** Jiangsu (江苏). The host scans this package into the plugin's Spring context. */
public class JiangsuPlugin extends Plugin {
}
