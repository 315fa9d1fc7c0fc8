package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ConfigField;
import cn.huren.plugin.api.ConfigSchema;
import cn.huren.plugin.api.ConfigSchemaProvider;
import cn.huren.plugin.api.TenantSchemaContributor;
import org.pf4j.Extension;

/** What a tenant on this plugin is configured with (docs/plugin-neimenggu.md), and the plugin's own tables. */
@Extension
public class NeimengguSchema implements ConfigSchemaProvider, TenantSchemaContributor {

    static final String REGION_CODE = "regionCode";
    /** Hohhot's platform API (activation, its integrity copy): base URL and the key we call it with. */
    static final String HOHHOT_BASE_URL = "hohhotBaseUrl";
    static final String HOHHOT_API_KEY = "hohhotApiKey";
    static final String HOHHOT_TIMEOUT_MILLIS = "hohhotTimeoutMillis";
    /** The OpenID Connect relying party (client id) that is Hohhot's platform: its logins activate the party there. */
    static final String HOHHOT_OIDC_CLIENT = "hohhotOidcClientId";
    /** The API client whose webhook receives the integrity sync (诚信库同步) through the outbox, signed with its secret. */
    static final String HOHHOT_SYNC_CLIENT = "hohhotSyncClientId";
    /** Demo mode and tests: the plugin's sandbox stands in for Hohhot's platform. */
    static final String HOHHOT_SANDBOX = "hohhotSandbox";
    /** The sandbox's copy of the sync client's secret, to check the deliveries' signatures as Hohhot would. */
    static final String HOHHOT_SANDBOX_SYNC_SECRET = "hohhotSandboxSyncSecret";
    /** NMG-10: the basic-information fields and document categories registry intake requires (comma-separated). */
    static final String REQUIRED_FIELDS = "intakeRequiredFields";
    static final String REQUIRED_DOCUMENTS = "intakeRequiredDocuments";

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.text(REGION_CODE, "区划代码", "Region code").mandatory().immutableAfterOnboarding(),
                ConfigField.url(HOHHOT_BASE_URL, "呼和浩特交易平台接口地址", "Hohhot trading platform API URL"),
                ConfigField.secret(HOHHOT_API_KEY, "呼和浩特平台接口密钥", "Hohhot platform API key"),
                new ConfigField(HOHHOT_TIMEOUT_MILLIS, ConfigField.Type.NUMBER, false, false, false,
                        "呼和浩特平台接口超时（毫秒，默认 10000）", "Hohhot platform call timeout (ms, default 10000)"),
                ConfigField.text(HOHHOT_OIDC_CLIENT, "呼和浩特平台的统一认证客户端标识（OpenID Connect）",
                        "Hohhot platform's relying-party client id (OpenID Connect)"),
                ConfigField.text(HOHHOT_SYNC_CLIENT, "接收诚信库同步的 API 客户端标识（其回调地址为呼和浩特平台）",
                        "API client receiving the integrity sync (its webhook is Hohhot's platform)"),
                ConfigField.flag(HOHHOT_SANDBOX, "使用呼和浩特平台沙箱（仅演示模式）", "Use the Hohhot platform sandbox (demo mode only)"),
                ConfigField.secret(HOHHOT_SANDBOX_SYNC_SECRET, "沙箱：同步客户端密钥（验签用）", "Sandbox: the sync client's secret (to check signatures)"),
                ConfigField.text(REQUIRED_FIELDS, "主体库入库必填信息（逗号分隔，留空用默认）",
                        "Fields registry intake requires (comma-separated; empty: the defaults)"),
                ConfigField.text(REQUIRED_DOCUMENTS, "主体库入库必传电子件（逗号分隔，留空用默认）",
                        "Documents registry intake requires (comma-separated; empty: the defaults)"));
    }

    @Override
    public String changelog() {
        return "huren-plugin/neimenggu/changelog.yaml";
    }
}
