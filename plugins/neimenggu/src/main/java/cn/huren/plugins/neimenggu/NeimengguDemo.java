package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.DemoTenant;
import cn.huren.plugin.api.DemoTenantProvider;
import java.util.Map;
import org.pf4j.Extension;

/** Demo mode's 内蒙古, in Hohhot's region (150100); no Hohhot platform configured. */
@Extension
public class NeimengguDemo implements DemoTenantProvider {

    @Override
    public DemoTenant demoTenant() {
        return new DemoTenant("nmg", "内蒙古", "Inner Mongolia", "nmg.localhost", "内蒙古自治区公共资源交易主体库", "#0b7a75",
                Map.of(NeimengguSchema.REGION_CODE, "150100"));
    }
}
