package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.DemoTenant;
import cn.huren.plugin.api.DemoTenantProvider;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Demo mode's 江苏: 苏服办 login against the plugin's sandbox (a page to pick a test person) and two
 * city trading systems; a real deployment sets the 苏服办 URLs and its own city systems.
 */
@Extension
public class JiangsuDemo implements DemoTenantProvider {

    @Override
    public DemoTenant demoTenant() {
        return new DemoTenant("js", "江苏", "Jiangsu", "js.localhost", "江苏省公共资源交易经营主体信息库", "#1f5fa8",
                Map.of(JiangsuSchema.SANDBOX, true, JiangsuSchema.CLIENT_ID, "js-demo", JiangsuSchema.CLIENT_SECRET, "js-demo-secret",
                        JiangsuSchema.CITY_SYSTEMS, "南京|nj-trading|\n苏州|sz-trading|"));
    }
}
