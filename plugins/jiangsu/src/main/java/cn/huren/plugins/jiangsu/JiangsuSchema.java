package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** What a tenant on this plugin is configured with, and the plugin's own tables. */
@Extension
public class JiangsuSchema implements ConfigSchemaProvider, TenantSchemaContributor {

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.url("sufubanBaseUrl", "苏服办地址", "SuFuBan base URL"),
                ConfigField.text("sufubanClientId", "苏服办应用标识", "SuFuBan client id"),
                ConfigField.secret("sufubanClientSecret", "苏服办应用密钥", "SuFuBan client secret"));
    }

    @Override
    public String changelog() {
        return "huren-plugin/jiangsu/changelog.yaml";
    }
}
