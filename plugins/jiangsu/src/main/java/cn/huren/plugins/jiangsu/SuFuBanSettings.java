package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ConfigValues;
import java.net.URI;
import java.time.Duration;

/**
 * The tenant's 苏服办 client as configured (read on every use, so operator changes apply at once). With
 * the sandbox on (and allowed by the host), the plugin's own sandbox stands in for 苏服办.
 */
record SuFuBanSettings(URI authorizeUrl, URI tokenUrl, URI userInfoUrl, String clientId, String clientSecret, Duration timeout,
                       boolean sandbox) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static SuFuBanSettings of(ConfigValues config, boolean sandboxesAllowed) {
        long millis = config.number(JiangsuSchema.TIMEOUT_MILLIS).filter(m -> m >= 100 && m <= 60_000).orElse(DEFAULT_TIMEOUT.toMillis());
        return new SuFuBanSettings(url(config, JiangsuSchema.AUTHORIZE_URL), url(config, JiangsuSchema.TOKEN_URL),
                url(config, JiangsuSchema.USER_INFO_URL), config.text(JiangsuSchema.CLIENT_ID).orElse(null),
                config.text(JiangsuSchema.CLIENT_SECRET).orElse(null), Duration.ofMillis(millis),
                sandboxesAllowed && config.flag(JiangsuSchema.SANDBOX));
    }

    /** Whether the login button works: a client, and either the sandbox or all three 苏服办 URLs. */
    boolean configured() {
        return clientId != null && clientSecret != null && (sandbox || authorizeUrl != null && tokenUrl != null && userInfoUrl != null);
    }

    private static URI url(ConfigValues config, String field) {
        return config.text(field).map(URI::create).orElse(null);
    }
}
