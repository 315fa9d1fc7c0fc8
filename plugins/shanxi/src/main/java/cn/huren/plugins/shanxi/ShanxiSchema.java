package cn.huren.plugins.shanxi;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** What a tenant on this plugin is configured with, and the plugin's own tables. */
@Extension
public class ShanxiSchema implements ConfigSchemaProvider, TenantSchemaContributor {

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.url("sanjintongBaseUrl", "三晋通接口地址", "SanJinTong API base URL"),
                ConfigField.text("sanjintongAppId", "三晋通应用标识", "SanJinTong app id"),
                ConfigField.secret("sanjintongAppSecret", "三晋通应用密钥", "SanJinTong app secret"));
    }

    @Override
    public String changelog() {
        return "huren-plugin/shanxi/changelog.yaml";
    }
}
