package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.DemoApiClient;
import cn.huren.plugin.api.DemoRelyingParty;
import cn.huren.plugin.api.DemoTenant;
import cn.huren.plugin.api.DemoTenantProvider;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Demo mode's 内蒙古, in Hohhot's region (150100), with the plugin's sandbox standing in for Hohhot's platform: a
 * relying party of the portal (its login) and an API client whose webhook is the sandbox (the integrity sync). The
 * host registers both and writes their ids (and the client's secret) into the configuration fields named here.
 */
@Extension
public class NeimengguDemo implements DemoTenantProvider {

    static final String HOHHOT_NAME = "呼和浩特市公共资源交易平台（新版）";
    private static final String SANDBOX = "/api/t/nmg/plugins/neimenggu/sandbox/hohhot";

    @Override
    public DemoTenant demoTenant() {
        return new DemoTenant("nmg", "内蒙古", "Inner Mongolia", "nmg.localhost", "内蒙古自治区公共资源交易主体库", "#0b7a75",
                Map.of(NeimengguSchema.REGION_CODE, "150100", NeimengguSchema.HOHHOT_SANDBOX, true));
    }

    @Override
    public List<DemoRelyingParty> demoRelyingParties() {
        return List.of(new DemoRelyingParty(HOHHOT_NAME, SANDBOX + "/callback", SANDBOX + "/login", true,
                NeimengguSchema.HOHHOT_OIDC_CLIENT));
    }

    @Override
    public List<DemoApiClient> demoApiClients() {
        return List.of(new DemoApiClient(HOHHOT_NAME + "诚信库", SANDBOX + "/integrity-webhook", List.of("events:read"),
                NeimengguSchema.HOHHOT_SYNC_CLIENT, NeimengguSchema.HOHHOT_SANDBOX_SYNC_SECRET));
    }
}
