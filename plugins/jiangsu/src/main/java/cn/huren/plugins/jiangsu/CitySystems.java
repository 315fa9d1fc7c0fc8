package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ConfigValues;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jiangsu's city trading systems (江苏省各地市交易系统, JS-45, JS-46) as the tenant's plugin
 * configuration lists them, one a line: {@code city|API client id|push URL}. The API client is
 * the one the city system signs its requests with (use reports); the push URL is where status
 * changes are to be synced (JS-45, through the core outbox) and may be left empty until then.
 */
record CitySystems(List<CitySystem> systems, List<String> problems) {

    record CitySystem(String city, String clientId, URI pushUrl) {
    }

    static CitySystems of(ConfigValues config) {
        return parse(config.text(JiangsuSchema.CITY_SYSTEMS).orElse(""));
    }

    static CitySystems parse(String text) {
        List<CitySystem> systems = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R|;");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String city = parts[0].strip();
            String client = parts.length > 1 ? parts[1].strip() : "";
            String push = parts.length > 2 ? parts[2].strip() : "";
            if (city.isEmpty() || !client.matches("[A-Za-z0-9._-]{1,64}") || parts.length > 3) {
                problems.add("entry " + (i + 1) + ": expected city|API client id|push URL, got '" + line + "'");
                continue;
            }
            URI url = null;
            if (!push.isEmpty()) {
                try {
                    url = URI.create(push);
                    if (url.getHost() == null || !List.of("http", "https").contains(url.getScheme())) {
                        throw new IllegalArgumentException("not http(s)");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("entry " + (i + 1) + ": the push URL is not an http(s) URL");
                    continue;
                }
            }
            systems.add(new CitySystem(city, client, url));
        }
        return new CitySystems(List.copyOf(systems), List.copyOf(problems));
    }

    Optional<CitySystem> byClient(String clientId) {
        return systems.stream().filter(s -> s.clientId().equals(clientId)).findFirst();
    }
}
