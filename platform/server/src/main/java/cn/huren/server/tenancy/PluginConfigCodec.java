package cn.huren.server.tenancy;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.support.SecretBox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Checks operator input against the plugin's schema and stores it: secret fields sealed,
 * immutable fields fixed after onboarding, unknown fields refused.
 */
@Component
class PluginConfigCodec {

    private static final int MAX_TEXT = 4000;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final SecretBox secrets;
    private final ObjectMapper json = cn.huren.server.support.StrictJson.mapper();

    PluginConfigCodec(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Applies {@code changes} (null value = remove) to the stored config; returns the new stored JSON. */
    String merge(String tenantCode, ConfigSchema schema, String storedJson, Map<String, Object> changes, boolean onboarding) {
        Map<String, Object> stored = read(storedJson);
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String name = change.getKey();
            Object value = change.getValue();
            ConfigField field = schema.field(name).orElse(null);
            if (field == null) {
                errors.add(new FieldError("config." + name, "unknown field for this plugin"));
                continue;
            }
            if (field.immutable() && !onboarding && !Objects.equals(plain(tenantCode, field, stored.get(name)), value)) {
                errors.add(new FieldError("config." + name, "authoritative: set at onboarding and cannot be changed"));
                continue;
            }
            if (value == null) {
                stored.remove(name);
                continue;
            }
            String problem = typeProblem(field, value);
            if (problem != null) {
                errors.add(new FieldError("config." + name, problem));
                continue;
            }
            stored.put(name, field.secret() ? secrets.seal(value.toString(), context(tenantCode, name)) : value);
        }
        for (ConfigField field : schema.fields()) {
            if (field.required() && !stored.containsKey(field.name())
                    && errors.stream().noneMatch(e -> e.field().equals("config." + field.name()))) {
                errors.add(new FieldError("config." + field.name(), "required"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return write(stored);
    }

    /** Non-secret values only: what the API may show. */
    Map<String, Object> publicView(ConfigSchema schema, String storedJson) {
        Map<String, Object> view = new LinkedHashMap<>();
        read(storedJson).forEach((name, value) -> {
            boolean secret = schema.field(name).map(ConfigField::secret).orElse(SecretBox.isSealed(value));
            if (!secret) {
                view.put(name, value);
            }
        });
        return view;
    }

    List<String> secretsSet(ConfigSchema schema, String storedJson) {
        return read(storedJson).entrySet().stream()
                .filter(e -> schema.field(e.getKey()).map(ConfigField::secret).orElse(SecretBox.isSealed(e.getValue())))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every value in plain form, for the plugin itself. */
    Map<String, Object> decrypted(String tenantCode, String storedJson) {
        Map<String, Object> values = new LinkedHashMap<>();
        read(storedJson).forEach((name, value) -> values.put(name,
                SecretBox.isSealed(value) ? secrets.open((String) value, context(tenantCode, name)) : value));
        return values;
    }

    private Object plain(String tenantCode, ConfigField field, Object stored) {
        return stored != null && field.secret() ? secrets.open((String) stored, context(tenantCode, field.name())) : stored;
    }

    private static String typeProblem(ConfigField field, Object value) {
        return switch (field.type()) {
            case TEXT -> value instanceof String s ? (s.length() > MAX_TEXT ? "longer than " + MAX_TEXT + " characters" : null)
                    : "must be text";
            case URL -> value instanceof String s && isHttpUrl(s) ? null : "must be an http(s) URL";
            case NUMBER -> value instanceof Number ? null : "must be a number";
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
        };
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI uri = URI.create(s);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String context(String tenantCode, String field) {
        return "tenant:" + tenantCode + ":config:" + field;
    }

    private Map<String, Object> read(String storedJson) {
        try {
            return storedJson == null || storedJson.isBlank() ? new LinkedHashMap<>() : json.readValue(storedJson, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tenant configuration is not JSON", e);
        }
    }

    private String write(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
