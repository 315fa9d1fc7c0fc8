package cn.huren.plugin.api;

import java.util.Map;
import java.util.Optional;

/** A tenant's plugin configuration values, typed as the plugin's {@link ConfigSchema} declares. */
public record ConfigValues(Map<String, Object> values) {

    public ConfigValues {
        values = Map.copyOf(values);
    }

    public Optional<String> text(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    public Optional<Long> number(String name) {
        return Optional.ofNullable(values.get(name)).map(v -> ((Number) v).longValue());
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }
}
