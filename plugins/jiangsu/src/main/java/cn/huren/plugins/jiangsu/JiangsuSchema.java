package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** What a tenant on this plugin is configured with, and the plugin's own tables. */
@Extension
public class JiangsuSchema implements ConfigSchemaProvider, TenantSchemaContributor {

    static final String AUTHORIZE_URL = "sufubanAuthorizeUrl";
    static final String TOKEN_URL = "sufubanTokenUrl";
    static final String USER_INFO_URL = "sufubanUserInfoUrl";
    static final String CLIENT_ID = "sufubanClientId";
    static final String CLIENT_SECRET = "sufubanClientSecret";
    static final String TIMEOUT_MILLIS = "sufubanTimeoutMillis";
    static final String SANDBOX = "sufubanSandbox";
    static final String CITY_SYSTEMS = "citySystems";

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.url(AUTHORIZE_URL, "苏服办授权地址", "SuFuBan authorize URL"),
                ConfigField.url(TOKEN_URL, "苏服办令牌地址", "SuFuBan token URL"),
                ConfigField.url(USER_INFO_URL, "苏服办用户信息地址", "SuFuBan user-info URL"),
                ConfigField.text(CLIENT_ID, "苏服办应用标识", "SuFuBan client id"),
                ConfigField.secret(CLIENT_SECRET, "苏服办应用密钥", "SuFuBan client secret"),
                new ConfigField(TIMEOUT_MILLIS, ConfigField.Type.NUMBER, false, false, false,
                        "苏服办接口超时（毫秒，默认 10000）", "SuFuBan call timeout (ms, default 10000)"),
                ConfigField.flag(SANDBOX, "使用苏服办沙箱（仅演示模式）", "Use the SuFuBan sandbox (demo mode only)"),
                ConfigField.text(CITY_SYSTEMS, "市级交易系统（每行：城市|API 客户端标识；状态推送发往该客户端的回调地址）",
                        "City trading systems (one a line: city|API client id; status pushes go to that client's webhook URL)"));
    }

    @Override
    public String changelog() {
        return "huren-plugin/jiangsu/changelog.yaml";
    }
}
