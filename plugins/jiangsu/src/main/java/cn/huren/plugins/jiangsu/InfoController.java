package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.PluginSettings;
import java.util.Map;
import org.pf4j.PluginWrapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mounted by the host at /api/t/{tenant}/plugins/jiangsu/info: what the plugin is and how many city systems it knows. */
@RestController
class InfoController {

    private final CurrentTenant tenant;
    private final PluginWrapper plugin;
    private final PluginSettings settings;

    InfoController(CurrentTenant tenant, PluginWrapper plugin, PluginSettings settings) {
        this.tenant = tenant;
        this.plugin = plugin;
        this.settings = settings;
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        CitySystems cities = CitySystems.of(settings.current());
        return Map.of(
                "plugin", plugin.getPluginId(),
                "version", plugin.getDescriptor().getVersion(),
                "tenant", tenant.require().code(),
                "citySystems", cities.systems().stream().map(CitySystems.CitySystem::city).toList(),
                "citySystemProblems", cities.problems(),
                "citySystemNotes", cities.notes());
    }
}
