/**
 * Trading-system API clients: their credentials and scopes, signed requests (HMAC, nonces), rate limits, the
 * versioned API /api/t/{tenant}/v1 and its events, webhooks per client.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "operator", "party", "registry", "support", "sync", "tenancy"
})
package cn.huren.server.client;
