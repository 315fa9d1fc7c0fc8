package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's Hohhot platform as configured (read on every call, so operator changes apply at once). With the
 * sandbox on (and allowed by the host), the plugin's own sandbox stands in for Hohhot on this node's loopback.
 */
record HohhotSettings(URI baseUrl, String apiKey, Duration timeout, String oidcClientId, String syncClientId, boolean sandbox,
                      String sandboxSyncSecret) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The API key the client sends (and the sandbox expects) when the sandbox is on and no key is configured. */
    static final String SANDBOX_API_KEY = "hohhot-sandbox";

    static HohhotSettings of(ConfigValues config, boolean sandboxesAllowed) {
        long millis = config.number(NeimengguSchema.HOHHOT_TIMEOUT_MILLIS).filter(m -> m >= 100 && m <= 60_000)
                .orElse(DEFAULT_TIMEOUT.toMillis());
        return new HohhotSettings(config.text(NeimengguSchema.HOHHOT_BASE_URL).filter(s -> !s.isBlank()).map(HohhotSettings::base).orElse(null),
                text(config, NeimengguSchema.HOHHOT_API_KEY), Duration.ofMillis(millis), text(config, NeimengguSchema.HOHHOT_OIDC_CLIENT),
                text(config, NeimengguSchema.HOHHOT_SYNC_CLIENT), sandboxesAllowed && config.flag(NeimengguSchema.HOHHOT_SANDBOX),
                text(config, NeimengguSchema.HOHHOT_SANDBOX_SYNC_SECRET));
    }

    /** Logs and errors never show the API key or the sync secret (a record's own toString would). */
    @Override
    public String toString() {
        return "HohhotSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "null" : "***") + ", timeout=" + timeout
                + ", oidcClientId=" + oidcClientId + ", syncClientId=" + syncClientId + ", sandbox=" + sandbox
                + ", sandboxSyncSecret=" + (sandboxSyncSecret == null ? "null" : "***") + "]";
    }

    /** The key our calls carry: the configured one, or in the sandbox a fixed one when none is set. */
    String effectiveApiKey() {
        return apiKey != null ? apiKey : sandbox ? SANDBOX_API_KEY : null;
    }

    /** The base URL of the sandbox on this node for a tenant: the server calls itself. */
    static URI sandboxBase(int localPort, String tenantCode) {
        return URI.create("http://127.0.0.1:" + localPort + "/api/t/" + tenantCode + "/plugins/neimenggu/sandbox/hohhot/");
    }

    /** NMG-01: what the tenant's configuration lacks for Hohhot (fields, zh, en). */
    List<String[]> missing() {
        List<String[]> missing = new ArrayList<>();
        if (!sandbox) {
            if (baseUrl == null) {
                missing.add(new String[] {NeimengguSchema.HOHHOT_BASE_URL, "未配置呼和浩特平台接口地址", "Hohhot's platform API URL is not set"});
            }
            if (apiKey == null) {
                missing.add(new String[] {NeimengguSchema.HOHHOT_API_KEY, "未配置呼和浩特平台接口密钥", "Hohhot's platform API key is not set"});
            }
        }
        if (oidcClientId == null) {
            missing.add(new String[] {NeimengguSchema.HOHHOT_OIDC_CLIENT, "未登记呼和浩特平台的统一认证客户端（OpenID Connect 客户端标识）",
                    "Hohhot's platform is not registered as a relying party (OpenID Connect client id)"});
        }
        if (syncClientId == null) {
            missing.add(new String[] {NeimengguSchema.HOHHOT_SYNC_CLIENT, "未指定接收诚信库同步的 API 客户端",
                    "The API client that receives the integrity sync is not set"});
        }
        return missing;
    }

    private static String text(ConfigValues config, String field) {
        return config.text(field).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** A base URL always ends with "/", so relative paths resolve below it. */
    private static URI base(String url) {
        String s = url.strip();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }
}
