package cn.huren.plugin.api;

import java.util.List;
import java.util.Optional;

/** The per-tenant configuration a plugin accepts; operators' input is checked against it. */
public record ConfigSchema(List<ConfigField> fields) {

    public static final ConfigSchema EMPTY = new ConfigSchema(List.of());

    public ConfigSchema {
        fields = List.copyOf(fields);
    }

    public static ConfigSchema of(ConfigField... fields) {
        return new ConfigSchema(List.of(fields));
    }

    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
