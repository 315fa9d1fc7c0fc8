package cn.huren.plugin.api;

import java.util.List;
import java.util.Map;

/**
 * A regional event a plugin sends to trading systems, e.g. a Hohhot integrity-library push.
 * {@code name} becomes the type {@code <pluginId>.<name>}; {@code orderingKey} (usually the party's
 * id) orders delivery: events with the same key reach each client in publication order. {@code data}
 * must be JSON-serialisable (maps, lists, strings, numbers).
 *
 * <p>{@code recipients} empty: the API clients subscribed to the type get it. Otherwise it is
 * addressed: exactly the listed API clients of the tenant that have a webhook get it, whatever they
 * subscribed to (e.g. every city system a plugin's configuration lists); a disabled one's delivery
 * waits until it is enabled again.
 */
public record SyncEvent(String name, String orderingKey, Map<String, Object> data, List<String> recipients) {

    public SyncEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** To the subscribed clients. */
    public SyncEvent(String name, String orderingKey, Map<String, Object> data) {
        this(name, orderingKey, data, List.of());
    }
}
