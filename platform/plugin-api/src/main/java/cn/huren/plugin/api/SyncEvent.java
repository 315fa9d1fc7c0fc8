package cn.huren.plugin.api;

import java.util.Map;

/**
 * A regional event a plugin sends to the trading systems subscribed to it, e.g. a Hohhot
 * integrity-library push. {@code name} becomes the type {@code <pluginId>.<name>};
 * {@code orderingKey} (usually the party's id) orders delivery: events with the same key reach each
 * client in publication order. {@code data} must be JSON-serialisable (maps, lists, strings, numbers).
 */
public record SyncEvent(String name, String orderingKey, Map<String, Object> data) {

    public SyncEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
