package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** What a tenant on this plugin is configured with, and the plugin's own tables. */
@Extension
public class NeimengguSchema implements ConfigSchemaProvider, TenantSchemaContributor {

    static final String REGION_CODE = "regionCode";

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.url("hohhotBaseUrl", "呼和浩特交易平台地址", "Hohhot trading platform URL"),
                ConfigField.text(REGION_CODE, "区划代码", "Region code").mandatory().immutableAfterOnboarding(),
                ConfigField.secret("hohhotApiKey", "呼和浩特平台接口密钥", "Hohhot platform API key"));
    }

    @Override
    public String changelog() {
        return "huren-plugin/neimenggu/changelog.yaml";
    }
}
