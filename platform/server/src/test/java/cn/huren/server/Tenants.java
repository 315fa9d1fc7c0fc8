package cn.huren.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for onboarding test tenants. */
public final class Tenants {

    private Tenants() {
    }

    public static Map<String, Object> body(String code, String plugin, String... hosts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("nameZh", "测试" + code);
        body.put("nameEn", "Test " + code);
        body.put("plugin", plugin);
        body.put("hosts", List.of(hosts));
        body.put("branding", Map.of("title", "Portal " + code, "primaryColor", "#123456"));
        if (plugin.equals("neimenggu")) {
            // complete for the plugin's configuration check (NMG-01): Hohhot's sandbox, placeholder client ids
            body.put("config", Map.of("regionCode", "150100", "hohhotSandbox", true,
                    "hohhotOidcClientId", "hohhot-test-rp", "hohhotSyncClientId", "hohhot-test-sync"));
        }
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
