package cn.huren.server.realname;

import cn.huren.server.support.SignedGateway;
import java.net.URI;

/** Where and as whom a tenant's real-name checks go; the secret is already opened. Never printed with the secret. */
record ProviderSettings(URI url, String appKey, String appSecret) implements SignedGateway.Target {

    ProviderSettings {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("the real-name provider URL must be an http(s) URL");
        }
        if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("the real-name provider needs an app key and an app secret");
        }
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + url + ", " + appKey + ", secret hidden]";
    }
}
