package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.ConfigurationCheck;
import cn.huren.plugin.api.HostEnvironment;
import java.util.List;
import org.pf4j.Extension;

/**
 * NMG-01: the Hohhot platform a tenant needs before it is usable — its API (URL and key) unless the sandbox stands in
 * (demo mode and tests only), the relying party that is Hohhot's login, and the API client that receives the sync.
 */
@Extension
public class HohhotConfigurationCheck implements ConfigurationCheck {

    private final HostEnvironment host;

    HohhotConfigurationCheck(HostEnvironment host) {
        this.host = host;
    }

    @Override
    public List<Missing> missing(ConfigValues values) {
        return HohhotSettings.of(values, host.sandboxesAllowed()).missing().stream()
                .map(m -> new Missing(m[0], m[1], m[2])).toList();
    }
}
