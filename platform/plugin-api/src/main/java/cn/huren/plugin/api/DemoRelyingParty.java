package cn.huren.plugin.api;

/**
 * A relying party (another platform signing its users in through the portal's OpenID Connect provider) that demo
 * mode registers for its demo tenant, usually the plugin's sandbox of that platform: a public client (PKCE only).
 * Paths are on the tenant's portal origin (e.g. {@code http://nmg.localhost:8080}); the host writes the client id it
 * registered into the plugin configuration field {@code clientIdField}.
 *
 * @param listed whether the portal's platform picker (进入授权) offers it
 */
public record DemoRelyingParty(String name, String redirectPath, String initiateLoginPath, boolean listed, String clientIdField) {
}
