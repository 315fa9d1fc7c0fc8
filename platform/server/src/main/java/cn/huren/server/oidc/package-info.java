/**
 * The OpenID Connect provider of each tenant (Spring Authorization Server): issuer per tenant host,
 * authorization code with PKCE for relying parties, client credentials for the tenant's API clients,
 * signing keys per tenant, rotated and published as JWKS.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "binding", "client", "ledger", "operator", "party", "plugins", "portal", "session", "support", "tenancy"
})
package cn.huren.server.oidc;
