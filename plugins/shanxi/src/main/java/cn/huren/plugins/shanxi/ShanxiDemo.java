package cn.huren.plugins.shanxi;

import cn.huren.plugin.api.DemoTenant;
import cn.huren.plugin.api.DemoTenantProvider;
import java.util.Map;
import org.pf4j.Extension;

/** Demo mode's 山西, with no 三晋通 configured. */
@Extension
public class ShanxiDemo implements DemoTenantProvider {

    @Override
    public DemoTenant demoTenant() {
        return new DemoTenant("sx", "山西", "Shanxi", "sx.localhost", "山西省公共资源交易平台 · 移动CA服务", "#b22222", Map.of());
    }
}
