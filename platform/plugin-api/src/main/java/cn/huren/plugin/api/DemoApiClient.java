package cn.huren.plugin.api;

import java.util.List;

/**
 * An API client (a trading system with a webhook) that demo mode creates for its demo tenant, usually the plugin's
 * sandbox of that system receiving addressed pushes: the webhook is {@code webhookPath} on the server's own loopback
 * origin. The host writes the client id into the plugin configuration field {@code clientIdField} and its secret
 * (sealed) into {@code secretField}, so the sandbox can check the deliveries' signatures.
 */
public record DemoApiClient(String name, String webhookPath, List<String> scopes, String clientIdField, String secretField) {

    public DemoApiClient {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
