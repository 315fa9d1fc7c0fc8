package cn.huren.server.plugins.reviewplugin;

import org.pf4j.Plugin;

/** Plugin-Class of the test plugin {@code reviewtest}: a ReviewDecisionHandler and nothing else. */
public class ReviewTestPlugin extends Plugin {
}
