package cn.huren.server.banktransfer;

import cn.huren.server.support.SignedGateway;
import java.net.URI;

/** Where and as whom a tenant's bank-transfer queries go; the secret is already opened. Never printed with the secret. */
record GatewaySettings(URI url, String appKey, String appSecret) implements SignedGateway.Target {

    GatewaySettings {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("the bank-transfer gateway URL must be an http(s) URL");
        }
        if (appKey == null || appKey.isBlank() || appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("the bank-transfer gateway needs an app key and an app secret");
        }
    }

    @Override
    public String toString() {
        return "GatewaySettings[" + url + ", " + appKey + ", secret hidden]";
    }
}
