package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.CurrentTenant;
import java.util.Map;
import org.pf4j.PluginWrapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mounted by the host at /api/t/{tenant}/plugins/jiangsu/info. */
@RestController
class InfoController {

    private final CurrentTenant tenant;
    private final JdbcClient jdbc;
    private final PluginWrapper plugin;

    InfoController(CurrentTenant tenant, JdbcClient jdbc, PluginWrapper plugin) {
        this.tenant = tenant;
        this.jdbc = jdbc;
        this.plugin = plugin;
    }

    @GetMapping("/info")
    Map<String, Object> info() {
        long rows = jdbc.sql("select count(*) from js_city_system").query(Long.class).single();
        return Map.of(
                "plugin", plugin.getPluginId(),
                "version", plugin.getDescriptor().getVersion(),
                "tenant", tenant.require().code(),
                "tables", Map.of("js_city_system", rows));
    }
}
