package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jiangsu's city trading systems (江苏省各地市交易系统, JS-45, JS-46) as the tenant's plugin
 * configuration lists them, one a line: {@code city|API client id}. The API client is the one the
 * city system signs its use reports with, and its webhook URL and secret are where and how status
 * changes are pushed (one place for both). A third part (the push URL of the first format) is still
 * accepted and ignored, with a note.
 */
record CitySystems(List<CitySystem> systems, List<String> problems, List<String> notes) {

    record CitySystem(String city, String clientId) {
    }

    static CitySystems of(ConfigValues config) {
        return parse(config.text(JiangsuSchema.CITY_SYSTEMS).orElse(""));
    }

    static CitySystems parse(String text) {
        List<CitySystem> systems = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String[] lines = text.split("\\R|;");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String city = parts[0].strip();
            String client = parts.length > 1 ? parts[1].strip() : "";
            if (city.isEmpty() || !client.matches("[A-Za-z0-9._-]{1,64}") || parts.length > 3) {
                problems.add("entry " + (i + 1) + ": expected city|API client id, got '" + line + "'");
                continue;
            }
            if (parts.length == 3 && !parts[2].isBlank()) {
                notes.add("entry " + (i + 1) + ": the push URL is not used; status pushes go to the webhook URL of API client " + client);
            }
            systems.add(new CitySystem(city, client));
        }
        return new CitySystems(List.copyOf(systems), List.copyOf(problems), List.copyOf(notes));
    }

    Optional<CitySystem> byClient(String clientId) {
        return systems.stream().filter(s -> s.clientId().equals(clientId)).findFirst();
    }

    List<String> clientIds() {
        return systems.stream().map(CitySystem::clientId).toList();
    }
}
