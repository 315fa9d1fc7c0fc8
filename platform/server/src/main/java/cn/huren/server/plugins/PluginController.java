package cn.huren.server.plugins;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PluginController {

    private final InstalledPlugins host;

    PluginController(InstalledPlugins host) {
        this.host = host;
    }

    @GetMapping("/api/platform/plugins")
    List<PluginStatus> plugins() {
        return host.statuses();
    }
}
