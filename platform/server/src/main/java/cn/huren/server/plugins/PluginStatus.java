package cn.huren.server.plugins;

/** A plugin as operators see it: {@code state} is PF4J's (STARTED, FAILED, …). */
public record PluginStatus(String id, String version, String state, String description, String failureReason) {
}
