package cn.huren.server.console;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.server.support.ApiException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * What the console forms post, turned into the API's commands, and the API's errors turned back
 * into messages next to the form's fields. The rules are the API's: nothing is checked twice.
 */
final class TenantForm {

    private TenantForm() {
    }

    static List<String> hosts(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("[,\\s]+")).filter(h -> !h.isBlank()).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Config fields posted as {@code config.<name>}. An empty secret means "keep"; on update an
     * empty ordinary field means "remove".
     */
    static Map<String, Object> config(ConfigSchema schema, MultiValueMap<String, String> form, boolean onboarding) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigField field : schema.fields()) {
            String raw = form.getFirst("config." + field.name());
            if (field.type() == ConfigField.Type.BOOLEAN) {
                values.put(field.name(), raw != null);
                continue;
            }
            if (raw == null || raw.isBlank()) {
                if (!onboarding && !field.secret() && !field.immutable()) {
                    values.put(field.name(), null);
                }
                continue;
            }
            values.put(field.name(), field.type() == ConfigField.Type.NUMBER ? number(raw) : raw.strip());
        }
        return values;
    }

    private static Object number(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** Field name in the form → message. Errors without a field go under "global". */
    static Map<String, String> errors(ApiException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ApiException.FieldError f : e.errors()) {
            errors.putIfAbsent(formField(f.field()), f.message());
        }
        if (errors.isEmpty()) {
            String field = switch (e.kind()) {
                case "tenant-exists" -> "code";
                case "host-taken", "reserved-host" -> "hosts";
                case "unknown-plugin", "plugin-unavailable" -> "plugin";
                default -> "global";
            };
            errors.put(field, e.getMessage());
        }
        return errors;
    }

    private static String formField(String apiField) {
        if (apiField.startsWith("hosts")) {
            return "hosts";
        }
        if (apiField.startsWith("branding.")) {
            return apiField.substring("branding.".length());
        }
        return apiField;
    }
}
